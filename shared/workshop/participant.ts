import { digest } from 'lib0/hash/sha256'
import { z } from 'zod'

/**
 * A person on a board is known by a secret their browser keeps (every tab of it shares one).
 * Others only ever see the participant id, a hash of that secret, so nobody can vote or
 * facilitate as someone else by copying the id they see in presence.
 */
export const ParticipantSecretSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,64}$/, 'not a participant secret')
export const ParticipantIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a participant id')

/** The header REST calls carry the participant secret in. */
export const ParticipantHeader = 'x-participant'

/** The public id of the person holding `secret`. */
export function participantIdOf(secret: string): string {
  const hash = digest(new TextEncoder().encode(`discovery-board participant ${secret}`))
  return Array.from(hash.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')
}
