import type { WorkshopStore } from '../access/accessTypes.js'
import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import type { PresentPerson } from '../sync/Room.js'

/**
 * Notes who took part in a board's workshop, for its summary. Presence changes with every
 * cursor move, so only a person new to the board (or a new name or role) is written.
 */
export function createParticipantRecorder(deps: {
  store: WorkshopStore
  now: () => number
  log: Logger
}) {
  const seen = new Map<string, Map<string, string>>()
  return {
    record(boardId: string, people: PresentPerson[]) {
      let known = seen.get(boardId)
      if (!known) seen.set(boardId, (known = new Map()))
      for (const person of people) {
        const signature = `${person.name}\u0000${person.role}`
        if (known.get(person.id) === signature) continue
        known.set(person.id, signature)
        void Promise.resolve(
          deps.store.recordParticipant(boardId, { ...person, seenAt: deps.now() }),
        ).catch((error: unknown) => {
          // Recorded again on their next presence; a refused write was logged for its episode.
          if (known.get(person.id) === signature) known.delete(person.id)
          if (!(error instanceof StorageUnavailableError)) {
            deps.log.error('workshop.participant_failed', { boardId, error: String(error) })
          }
        })
      }
    },
    /** Forgets a board's people when its room unloads (the store keeps them). */
    forget(boardId: string) {
      seen.delete(boardId)
    },
  }
}
