import type { Role } from '../../shared/api/links'
import { ParticipantIdSchema } from '../../shared/workshop/participant'
import type { Participant } from '../sync/participants'

/** What each role is called next to a person. */
export const RoleLabels: Record<Role, string> = {
  owner: 'Owner',
  edit: 'Editor',
  comment: 'Commenter',
  view: 'Viewer',
}

/** "Editor · Facilitator", "Viewer"…; empty while the server has not said their role. */
export function describeParticipant(participant: Participant, facilitator: boolean): string {
  const parts = participant.role ? [RoleLabels[participant.role]] : []
  if (facilitator) parts.push('Facilitator')
  return parts.join(' · ')
}

/**
 * Whether they are known by a participant secret: facilitation can be handed only to them, not
 * to a client without one, whose presence goes by an id of its connection.
 */
export const isKnownPerson = (participant: Participant) =>
  ParticipantIdSchema.safeParse(participant.user.id).success
