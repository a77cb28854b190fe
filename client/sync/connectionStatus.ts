import { CloseCodes } from '../../shared/protocol/closeCodes'

/** How the board is connected, as the UI shows it. */
export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  /** The server could not store an edit; it is kept here and sent again with backoff. */
  | 'not-saved'
  /** The server refused a change as too large; nothing is sent until the person decides. */
  | 'too-large'
  /**
   * The server refused a change to something a facilitator locked: this device drops its
   * unsaved changes and opens the board again from the server's copy.
   */
  | 'locked-change'
  /** The board's stored data cannot be read on the server. */
  | 'unreadable'
  | 'not-found'

/** The facts the status is derived from. */
export interface ConnectionFacts {
  /** The server closed the socket with a terminal close code. */
  terminalCloseCode: number | null
  /** The server closed the socket because a change was too large to keep (tooLargeCloseCodes). */
  tooLargeCloseCode: number | null
  /** The server refused an update that changed locked content (4423). */
  lockRefused: boolean
  /** The server's store refused an update, and no save has been confirmed since. */
  storageRefused: boolean
  browserOnline: boolean
  socketSynced: boolean
  /** Whether this board ever finished a sync with the server since it was opened. */
  everSynced: boolean
}

/** The facts of a board just opened. */
export const initialConnectionFacts = (browserOnline: boolean): ConnectionFacts => ({
  terminalCloseCode: null,
  tooLargeCloseCode: null,
  lockRefused: false,
  storageRefused: false,
  browserOnline,
  socketSynced: false,
  everSynced: false,
})

/**
 * Derives the connection status. A terminal close wins over everything else, then a change
 * refused as too large (which only the person can resolve); offline comes before "not saved",
 * since being offline is the reason nothing is sent then.
 */
export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.terminalCloseCode !== null) {
    return facts.terminalCloseCode === CloseCodes.BoardUnreadable.code ? 'unreadable' : 'not-found'
  }
  if (facts.tooLargeCloseCode !== null) return 'too-large'
  if (facts.lockRefused) return 'locked-change'
  if (!facts.browserOnline) return 'offline'
  if (facts.storageRefused) return 'not-saved'
  if (facts.socketSynced) return 'connected'
  return facts.everSynced ? 'reconnecting' : 'connecting'
}
