import { z } from 'zod'
import { hasUnwantedCharacters } from '../api/plainText.js'

/**
 * The awareness state every client publishes. `user` identifies the person (name and colour
 * are shown to others); `presence` carries the tldraw presence record (cursor, selection,
 * camera) and is checked only for shape, since tldraw validates it again on the way in.
 */
export const AwarenessUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string()
    .max(64)
    .refine((name) => !hasUnwantedCharacters(name), 'a name is one line of visible text'),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
})
export type AwarenessUser = z.infer<typeof AwarenessUserSchema>

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
})
export type AwarenessState = z.infer<typeof AwarenessStateSchema>
