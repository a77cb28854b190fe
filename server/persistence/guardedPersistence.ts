import type { StorageHealth } from './storageHealth.js'
import { BoardUnreadableError, StorageUnavailableError } from './storageErrors.js'
import type { Persistence } from './types.js'

/** Every method of the persistence contract that changes what is stored. */
export const WriteMethods = [
  'createBoard',
  'renameBoard',
  'softDeleteBoard',
  'restoreBoard',
  'purgeDeletedBoards',
  'appendUpdate',
  'compactDocument',
  'putAsset',
  'createToken',
  'revokeToken',
  'replaceBoardHypotheses',
  'replaceBoardProjects',
  'putBoardKey',
  'setBoardKeyEnabled',
  'saveWorkshop',
  'saveWorkshopWithPastVotes',
  'addVote',
  'removeVote',
  'recordParticipant',
  'putVersion',
  'deleteVersions',
  'createWebhook',
  'deleteWebhook',
  'enqueueDeliveries',
  'claimDeliveries',
  'finishDelivery',
  'resendDelivery',
  'pruneDeliveries',
  'putMetricSource',
  'deleteMetricSource',
  'claimDueMetricSources',
  'claimMetricSource',
  'finishMetricSourcePoll',
  'probeWrite',
] as const satisfies readonly (keyof Persistence)[]

type Method = (...args: unknown[]) => unknown

/** The size of the binary payload of a write (an update, a snapshot, an asset), if any. */
const writtenBytes = (args: unknown[]) =>
  args.reduce<number>((sum, arg) => {
    if (arg instanceof Uint8Array) return sum + arg.byteLength
    const data = (arg as { data?: unknown } | null)?.data
    return data instanceof Uint8Array ? sum + data.byteLength : sum
  }, 0)

/**
 * Wraps a store so that its failures have one meaning everywhere: a write that throws (or
 * rejects) becomes `StorageUnavailableError` and is reported to `health`, a write that
 * succeeds ends a failure episode, a read that finds the store unreachable
 * (`StorageUnavailableError`) is reported too, and a board whose document cannot be read becomes
 * `BoardUnreadableError`. Routes and rooms branch on these two errors only.
 */
export function guardPersistence(store: Persistence, health: StorageHealth): Persistence {
  const guarded: Record<string, unknown> = { ...store }
  for (const name of WriteMethods) {
    const write = (store[name] as Method).bind(store)
    guarded[name] = (...args: unknown[]) => {
      const failed = (error: unknown): never => {
        health.reportFailure(error, name, writtenBytes(args))
        throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error)
      }
      let result: unknown
      try {
        result = write(...args)
      } catch (error) {
        // A failed write always answers with a rejected promise, never a synchronous throw:
        // callers that hand the result to a promise chain then see the failure there.
        return Promise.reject(error).catch(failed)
      }
      if (result instanceof Promise) {
        return result.then((value) => {
          health.reportSuccess()
          return value
        }, failed)
      }
      health.reportSuccess()
      return result
    }
  }
  // A read fails only when the store cannot be reached (a database across the network): that
  // is the same episode as a refused write, and ends with the next write that succeeds.
  const unreachable = (error: unknown, name: string): never => {
    if (error instanceof StorageUnavailableError) health.reportFailure(error, name)
    throw error
  }
  const writes: ReadonlySet<string> = new Set(WriteMethods)
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function' || writes.has(name) || name === 'close') continue
    const read = (value as Method).bind(store)
    guarded[name] = (...args: unknown[]) => {
      try {
        const result = read(...args)
        return result instanceof Promise
          ? result.catch((error: unknown) => unreachable(error, name))
          : result
      } catch (error) {
        return unreachable(error, name)
      }
    }
  }
  const load = guarded.loadDocument as Persistence['loadDocument']
  guarded.loadDocument = (boardId: string) => {
    const unreadable = (error: unknown): never => {
      if (error instanceof StorageUnavailableError) throw error
      throw error instanceof BoardUnreadableError ? error : new BoardUnreadableError(boardId, error)
    }
    try {
      const result = load(boardId)
      return result instanceof Promise ? result.catch(unreadable) : result
    } catch (error) {
      return unreadable(error)
    }
  }
  return guarded as unknown as Persistence
}

/**
 * Refuses every write while `failure` names a reason (the bus between instances is down): an
 * edit stored now could not reach the other instances' screens, so it is refused like one the
 * store refused, and the person who made it is told. Reads go on.
 */
export function gateWrites(store: Persistence, failure: () => string | null): Persistence {
  const gated: Record<string, unknown> = { ...store }
  for (const name of WriteMethods) {
    const write = (store[name] as Method).bind(store)
    gated[name] = (...args: unknown[]) => {
      const reason = failure()
      if (reason !== null) throw new StorageUnavailableError(new Error(reason))
      return write(...args)
    }
  }
  return gated as unknown as Persistence
}
