import type { Logger } from '../logger.js'
import { describeCause } from './storageErrors.js'

/** Why writes fail right now, or null while they succeed. */
export interface StorageFailure {
  reason: string
  since: number
  /** The largest write refused in this episode: a probe must fit as much to count as recovery. */
  bytes: number
}

/**
 * Whether the store accepts writes. Every write reports how it went: the first failure of an
 * episode logs one line, the first success after it logs its end, so a full disk gives two
 * log lines, not one per update.
 */
export interface StorageHealth {
  failure(): StorageFailure | null
  reportFailure(error: unknown, where: string, bytes?: number): void
  reportSuccess(): void
}

export function createStorageHealth(log: Logger, now: () => number): StorageHealth {
  let current: StorageFailure | null = null
  let failedWrites = 0
  return {
    failure: () => current,
    reportFailure(error, where, bytes = 0) {
      failedWrites++
      if (current) {
        current.bytes = Math.max(current.bytes, bytes)
        return
      }
      current = { reason: describeCause(error), since: now(), bytes }
      log.error('store.write_failed', { where, reason: current.reason })
    },
    reportSuccess() {
      if (!current) return
      log.warn('store.write_recovered', {
        reason: current.reason,
        failedForMs: now() - current.since,
        failedWrites,
      })
      current = null
      failedWrites = 0
    },
  }
}
