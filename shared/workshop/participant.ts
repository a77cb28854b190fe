import { digest } from 'lib0/hash/sha256'
import { z } from 'zod'

/**
 * A person on a board is known by a secret their browser keeps (every tab of it shares one).
 * Others only ever see the participant id, a hash of that secret, so nobody can vote or
 * facilitate as someone else by copying the id they see in presence.
 */
const SecretPattern = /^[A-Za-z0-9_-]{32,64}$/
export const ParticipantSecretSchema = z.string().regex(SecretPattern, 'not a participant secret')
export const ParticipantIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a participant id')

/** The header REST calls carry the participant secret in. */
export const ParticipantHeader = 'x-participant'

/**
 * The query parameter of the sync URL that carries the participant secret: the server sets the
 * connection's presence id from it, so nobody's presence can claim to be someone else.
 */
export const ParticipantParam = 'participant'

/** The headers of a REST call made as a person (votes, facilitation). */
export const ParticipantHeadersSchema = z.object({
  [ParticipantHeader]: z
    .string({ error: `Send your participant secret in the ${ParticipantHeader} header` })
    .regex(SecretPattern)
    .describe('The secret this browser keeps for its person (32–64 of A–Z a–z 0–9 _ -)'),
})

/** The public id of the person holding `secret`. */
export function participantIdOf(secret: string): string {
  const hash = digest(new TextEncoder().encode(`discovery-board participant ${secret}`))
  return Array.from(hash.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')
}
