import type { Awareness } from 'y-protocols/awareness'
import { WorkshopPresenceSchema, type WorkshopState } from '../../shared/workshop/workshopState'
import { clockOffset } from '../../shared/workshop/timer'
import { serverTime } from '../api/workshop'

/**
 * The board's workshop state as the server publishes it (its own presence state, which no
 * client can imitate), and this screen's estimate of the server clock, so a timer shows the
 * same remaining time everywhere. React-free: subscribe, read, dispose.
 */
export class WorkshopSync {
  private state: WorkshopState | null = null
  private offset = 0
  private readonly listeners = new Set<() => void>()
  private disposed = false

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.read)
    this.read()
    void this.measureClock()
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The workshop as it stands, or null before the server has said. */
  readonly getState = (): WorkshopState | null => this.state

  /** The server's clock now, as well as this screen can tell. */
  readonly serverNow = (): number => Date.now() + this.offset

  dispose(): void {
    this.disposed = true
    this.awareness.off('change', this.read)
    this.listeners.clear()
  }

  private readonly read = () => {
    let next: WorkshopState | null = null
    for (const state of this.awareness.getStates().values()) {
      const parsed = WorkshopPresenceSchema.safeParse(state)
      if (parsed.success) next = parsed.data.workshop
    }
    if (JSON.stringify(next) === JSON.stringify(this.state)) return
    this.state = next
    for (const listener of this.listeners) listener()
  }

  /** A few round trips to the server clock; the fastest one is the most accurate. */
  private async measureClock(): Promise<void> {
    let best = Infinity
    for (let i = 0; i < 3 && !this.disposed; i++) {
      try {
        const sentAt = Date.now()
        const now = await serverTime()
        const receivedAt = Date.now()
        if (receivedAt - sentAt < best) {
          best = receivedAt - sentAt
          this.offset = clockOffset(sentAt, now, receivedAt)
        }
      } catch {
        return // offline: the local clock is the best guess
      }
    }
    for (const listener of this.listeners) listener()
  }
}
