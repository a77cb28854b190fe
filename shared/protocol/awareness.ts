import { z } from 'zod'
import { Roles } from '../api/links.js'
import { hasUnwantedCharacters } from '../api/plainText.js'

/**
 * The awareness state every client publishes. `user` identifies the person (name and colour
 * are theirs to choose and shown to others); `presence` carries the tldraw presence record
 * (cursor, selection, camera) and is checked only for shape, since tldraw validates it again on
 * the way in.
 *
 * The server vouches for the rest of `user` (see docs/protocol.md): `id` must be the participant
 * id of the secret the connection sent, and `role` and `owner` are set by the server from the
 * key the connection opened with, replacing whatever the client sent. A client publishes its
 * state without them; every state it receives from others carries them.
 */
export const AwarenessUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string()
    .max(64)
    .refine((name) => !hasUnwantedCharacters(name), 'a name is one line of visible text'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Set by the server: the role of the key this person's connection opened the board with. */
  role: z.enum(Roles).optional(),
  /** Set by the server: whether that key is the owner's. */
  owner: z.boolean().optional(),
})
export type AwarenessUser = z.infer<typeof AwarenessUserSchema>

/** The fields of `user` only the server sets. */
export type VerifiedUserFields = Required<Pick<AwarenessUser, 'role' | 'owner'>>

/** The reactions anyone but a viewer can send; they float briefly over the board. */
export const Reactions = ['👍', '❤️', '🎉', '😂', '🤔', '👀'] as const

export const AwarenessStateSchema = z.looseObject({
  user: AwarenessUserSchema.optional(),
  presence: z.record(z.string(), z.unknown()).nullable().optional(),
  /** A short message shown at the person's cursor. */
  chat: z
    .object({ text: z.string().max(280), at: z.number() })
    .nullable()
    .optional(),
  /** The latest reaction, placed on the board; `at` tells screens it is a new one. */
  reaction: z
    .object({ emoji: z.enum(Reactions), at: z.number(), x: z.number(), y: z.number() })
    .nullable()
    .optional(),
  /** Only the server publishes the workshop state (see WorkshopPresenceSchema). */
  workshop: z.never().optional(),
  /** Only the server publishes the board's title (see BoardPresenceSchema). */
  board: z.never().optional(),
})
export type AwarenessState = z.infer<typeof AwarenessStateSchema>
