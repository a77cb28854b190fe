/** Options shared by both transports; every default is chosen from the seed when left out. */
export interface FuzzOptions {
  /** Number of clients (3–5 when chosen from the seed). */
  clients?: number
  /** Number of random steps before healing. */
  steps?: number
  /** Progress lines (what happened, for replaying a failing seed); none by default. */
  log?: (line: string) => void
}

export type Transport = 'memory' | 'server'

/** What one seed did; a run that breaks an invariant throws a FuzzFailure instead. */
export interface FuzzStats {
  transport: Transport
  seed: number
  clients: number
  steps: number
  edits: number
  disconnects: number
  restarts: number
  faultWindows: number
  /** Writes the store refused during fault windows. */
  refused: number
  /** Messages lost on the way (memory transport) or in flight at a disconnect. */
  dropped: number
  ms: number
}
