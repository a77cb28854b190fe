import { describe, expect, it } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes'
import { connectionStatus, initialConnectionFacts, type ConnectionFacts } from './connectionStatus'

const base: ConnectionFacts = initialConnectionFacts(true)
const live = { ...base, socketSynced: true, everSynced: true }

describe('the connection status', () => {
  it('is connecting before the first sync and reconnecting after a loss', () => {
    expect(connectionStatus(base)).toBe('connecting')
    expect(connectionStatus(live)).toBe('connected')
    expect(connectionStatus({ ...base, everSynced: true })).toBe('reconnecting')
  })

  it('is offline whenever the browser is, and not-found after a terminal close', () => {
    expect(connectionStatus({ ...base, browserOnline: false, everSynced: true })).toBe('offline')
    expect(connectionStatus({ ...base, browserOnline: false, terminalCloseCode: 4404 })).toBe(
      'not-found',
    )
  })

  it('says the stored data cannot be read after that close, not that the board is gone', () => {
    const unreadable = { ...live, terminalCloseCode: CloseCodes.BoardUnreadable.code }
    expect(connectionStatus(unreadable)).toBe('unreadable')
    expect(connectionStatus({ ...unreadable, tooLargeCloseCode: 1009 })).toBe('unreadable')
  })

  it('is not saved after the store refused an edit, while connected or retrying', () => {
    expect(connectionStatus({ ...live, storageRefused: true })).toBe('not-saved')
    expect(connectionStatus({ ...live, socketSynced: false, storageRefused: true })).toBe(
      'not-saved',
    )
    // Offline is the reason nothing is sent then, and what the person can act on.
    expect(connectionStatus({ ...live, browserOnline: false, storageRefused: true })).toBe(
      'offline',
    )
  })

  it('stays too-large after a too-large close until the person decides, even offline', () => {
    for (const code of [CloseCodes.MessageTooLarge.code, CloseCodes.DocumentTooLarge.code]) {
      const refused = { ...live, socketSynced: false, tooLargeCloseCode: code }
      expect(connectionStatus(refused)).toBe('too-large')
      expect(connectionStatus({ ...refused, browserOnline: false })).toBe('too-large')
      expect(connectionStatus({ ...refused, storageRefused: true })).toBe('too-large')
    }
  })
})
