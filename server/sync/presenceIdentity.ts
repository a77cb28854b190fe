import { AwarenessStateSchema } from '../../shared/protocol/awareness.js'
import {
  ParticipantParam,
  ParticipantSecretSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import type { Connection } from './Connection.js'
import type { AwarenessEntry } from './messageCodec.js'

/**
 * Who the client of a sync URL is: the participant id of the secret it sent, null when it sent
 * none (a standard y-websocket client), or 'invalid' when what it sent is not a secret.
 */
export function participantOfSyncUrl(url: URL): { participantId: string | null } | 'invalid' {
  const secret = url.searchParams.get(ParticipantParam)
  if (secret === null) return { participantId: null }
  const parsed = ParticipantSecretSchema.safeParse(secret)
  return parsed.success ? { participantId: participantIdOf(parsed.data) } : 'invalid'
}

/**
 * An awareness entry as the room keeps and relays it, or null when it claims to be someone
 * else. The server vouches for `user`: its id must be the connection's participant id (a client
 * that sent no secret gets its connection's own id instead of the one it wrote), and its role and
 * owner flag are the connection's, whatever the client wrote. A state without `user` speaks for
 * nobody, so it keeps no cursor, chat or reaction.
 */
export function withVerifiedIdentity(
  entry: AwarenessEntry,
  conn: Connection,
): AwarenessEntry | null {
  if (entry.state === null) return entry
  const parsed = AwarenessStateSchema.safeParse(entry.state)
  if (!parsed.success) return null
  const { user, ...rest } = parsed.data
  if (!user) {
    const { presence: _presence, chat: _chat, reaction: _reaction, ...others } = rest
    return { ...entry, state: others }
  }
  if (conn.participantId !== null && user.id !== conn.participantId) return null
  const verified = { ...user, id: conn.presenceId, role: conn.role, owner: conn.isOwner }
  return { ...entry, state: { ...rest, user: verified } }
}
