import type { Awareness } from 'y-protocols/awareness'
import { AwarenessStateSchema, type AwarenessUser } from '../../shared/protocol/awareness'

/** Someone on the board, as the participants list shows them. */
export interface Participant {
  clientId: number
  user: AwarenessUser
  isSelf: boolean
}

/**
 * Everyone in awareness with a valid user field, you first. A person with several tabs open
 * shows once.
 */
export function readParticipants(awareness: Awareness): Participant[] {
  const participants: Participant[] = []
  const seenUserIds = new Set<string>()
  const self = AwarenessStateSchema.safeParse(awareness.getLocalState())
  if (self.success && self.data.user) {
    participants.push({ clientId: awareness.clientID, user: self.data.user, isSelf: true })
    seenUserIds.add(self.data.user.id)
  }
  const others = [...awareness.getStates()].sort(([a], [b]) => a - b)
  for (const [clientId, state] of others) {
    if (clientId === awareness.clientID) continue
    const parsed = AwarenessStateSchema.safeParse(state)
    if (!parsed.success || !parsed.data.user || seenUserIds.has(parsed.data.user.id)) continue
    seenUserIds.add(parsed.data.user.id)
    participants.push({ clientId, user: parsed.data.user, isSelf: false })
  }
  return participants
}

/** Whether two participant lists would render the same. */
export function sameParticipants(a: Participant[], b: Participant[]): boolean {
  if (a.length !== b.length) return false
  return a.every((p, i) => {
    const q = b[i]
    return (
      q !== undefined &&
      p.clientId === q.clientId &&
      p.isSelf === q.isSelf &&
      p.user.id === q.user.id &&
      p.user.name === q.user.name &&
      p.user.color === q.user.color
    )
  })
}
