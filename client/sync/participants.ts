import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../shared/api/links'
import { AwarenessStateSchema, type AwarenessUser } from '../../shared/protocol/awareness'

/** Someone on the board, as the participants list shows them. */
export interface Participant {
  clientId: number
  user: AwarenessUser
  isSelf: boolean
  /**
   * Their role and whether they own the board, as the server set them on their presence; null
   * and false for yourself, whose own state the server does not send back (the board's answer
   * tells your role).
   */
  role: Role | null
  owner: boolean
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
    const user = self.data.user
    participants.push({
      clientId: awareness.clientID,
      user,
      isSelf: true,
      role: null,
      owner: false,
    })
    seenUserIds.add(user.id)
  }
  const others = [...awareness.getStates()].sort(([a], [b]) => a - b)
  for (const [clientId, state] of others) {
    if (clientId === awareness.clientID) continue
    const parsed = AwarenessStateSchema.safeParse(state)
    const user = parsed.data?.user
    if (!user || seenUserIds.has(user.id)) continue
    seenUserIds.add(user.id)
    participants.push({
      clientId,
      user,
      isSelf: false,
      role: user.role ?? null,
      owner: user.owner === true,
    })
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
      p.user.color === q.user.color &&
      p.role === q.role &&
      p.owner === q.owner
    )
  })
}
