/** How the board is connected, as the UI shows it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'not-found'

/** The facts the status is derived from. */
export interface ConnectionFacts {
  /** The server closed the socket with a terminal close code. */
  terminalCloseCode: number | null
  browserOnline: boolean
  socketSynced: boolean
  /** Whether this board ever finished a sync with the server since it was opened. */
  everSynced: boolean
}

/** Derives the connection status; a terminal close wins over everything else. */
export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.terminalCloseCode !== null) return 'not-found'
  if (!facts.browserOnline) return 'offline'
  if (facts.socketSynced) return 'connected'
  return facts.everSynced ? 'reconnecting' : 'connecting'
}
