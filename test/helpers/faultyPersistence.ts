import { WriteMethods } from '../../server/persistence/guardedPersistence.js'
import type { Persistence } from '../../server/persistence/types.js'

/** An error shaped like the one SQLite raises when the disk is full. */
export class InjectedStorageError extends Error {
  readonly code = 'SQLITE_FULL'
  constructor() {
    super('database or disk is full')
  }
}

export interface FaultyPersistence {
  persistence: Persistence
  /** While true, every write fails the way a full disk does; reads keep working. */
  failWrites: boolean
  /** Number of writes refused so far. */
  refused: number
  /**
   * While above 0, an append the store answers asynchronously is answered this many
   * milliseconds after the store committed it, as by a slow network: other readers of the
   * store see it before its writer hears of it.
   */
  answerDelayMs: number
}

const Writes: ReadonlySet<string> = new Set(WriteMethods)

/**
 * Wraps a real store with a switch that makes its writes fail, as a full disk or a lost
 * database connection would. `appendUpdate` fails asynchronously when the real store would
 * answer asynchronously (a failed group commit), synchronously otherwise.
 */
export function createFaultyPersistence(inner: Persistence): FaultyPersistence {
  const fault: FaultyPersistence = {
    persistence: undefined as unknown as Persistence,
    failWrites: false,
    refused: 0,
    answerDelayMs: 0,
  }
  const wrapped: Record<string, unknown> = { ...inner }
  for (const [name, value] of Object.entries(inner)) {
    if (typeof value !== 'function' || !Writes.has(name)) continue
    const method = value as (...args: unknown[]) => unknown
    wrapped[name] = (...args: unknown[]) => {
      if (!fault.failWrites) {
        const result = method.apply(inner, args)
        const delay = fault.answerDelayMs
        if (name !== 'appendUpdate' || delay <= 0 || !(result instanceof Promise)) return result
        return result.then(
          (value: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), delay)),
        )
      }
      fault.refused++
      if (name === 'appendUpdate') {
        // Probe the real store's answer shape without writing: a promise-returning store fails
        // at commit time.
        return Promise.reject(new InjectedStorageError())
      }
      throw new InjectedStorageError()
    }
  }
  fault.persistence = wrapped as unknown as Persistence
  return fault
}
