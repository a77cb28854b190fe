import type { Thread } from '../../shared/comments/comments'
import { lastActivity } from '../../shared/comments/comments'

/** When this person last read each thread of a board: thread id → epoch ms. */
export type LastReadTimes = Readonly<Record<string, number>>

/** A storage like localStorage (tests give their own). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

const storageKey = (boardId: string) => `discovery-board:comments-read:${boardId}`

/**
 * When this person last read each comment thread of a board, kept in this browser per board
 * (a thread is unread when someone else did something in it since). Reading a thread again
 * saves the time of its latest activity, so a clock that differs from the server's cannot
 * make a thread look read before it is.
 */
export class LastRead {
  private times: LastReadTimes
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly boardId: string,
    private readonly storage: KeyValueStorage | null = globalThis.localStorage ?? null,
  ) {
    this.times = this.load()
  }

  /** Thread id → when it was last read; the same object until a change. */
  getTimes = (): LastReadTimes => this.times

  /** Marks a thread read up to its latest activity. */
  markRead(thread: Thread): void {
    const at = lastActivity(thread)
    if ((this.times[thread.id] ?? 0) >= at) return
    this.times = { ...this.times, [thread.id]: at }
    try {
      this.storage?.setItem(storageKey(this.boardId), JSON.stringify(this.times))
    } catch {
      // Storage full or refused: the mark lasts for this page only.
    }
    for (const listener of this.listeners) listener()
  }

  /** Calls `listener` after every change; returns unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private load(): LastReadTimes {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(storageKey(this.boardId)) ?? '{}')
      if (typeof parsed !== 'object' || parsed === null) return {}
      const times: Record<string, number> = {}
      for (const [id, at] of Object.entries(parsed)) {
        if (typeof at === 'number' && Number.isFinite(at)) times[id] = at
      }
      return times
    } catch {
      return {}
    }
  }
}
