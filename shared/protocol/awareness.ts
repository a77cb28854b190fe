import { z } from 'zod'

/**
 * The awareness state every client publishes. `user` identifies the person (name and colour
 * are shown to others); `presence` carries the tldraw presence record (cursor, selection,
 * camera) and is checked only for shape, since tldraw validates it again on the way in.
 */
export const AwarenessUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(64),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
})
export type AwarenessUser = z.infer<typeof AwarenessUserSchema>

export const AwarenessStateSchema = z.looseObject({
  user: AwarenessUserSchema.optional(),
  presence: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type AwarenessState = z.infer<typeof AwarenessStateSchema>
