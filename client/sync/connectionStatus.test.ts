import { describe, expect, it } from 'vitest'
import { connectionStatus, type ConnectionFacts } from './connectionStatus'

const base: ConnectionFacts = {
  terminalCloseCode: null,
  browserOnline: true,
  socketSynced: false,
  everSynced: false,
}

describe('the connection status', () => {
  it('is connecting before the first sync and reconnecting after a loss', () => {
    expect(connectionStatus(base)).toBe('connecting')
    expect(connectionStatus({ ...base, socketSynced: true, everSynced: true })).toBe('connected')
    expect(connectionStatus({ ...base, everSynced: true })).toBe('reconnecting')
  })

  it('is offline whenever the browser is, and not-found after a terminal close', () => {
    expect(connectionStatus({ ...base, browserOnline: false, everSynced: true })).toBe('offline')
    expect(connectionStatus({ ...base, browserOnline: false, terminalCloseCode: 4404 })).toBe(
      'not-found',
    )
  })
})
