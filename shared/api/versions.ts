import { z } from 'zod'
import { EntityIdSchema } from '../canvases/baseContent.js'
import { plainLine } from './plainText.js'

/** A saved version of a board, as the history panel lists it. */
export const VersionSchema = z.object({
  id: EntityIdSchema,
  /** What a person named it; null for an automatic version. */
  name: z.string().nullable(),
  automatic: z.boolean(),
  /** ISO time it was taken. */
  createdAt: z.string(),
  /** Who named it; null for an automatic version. */
  createdBy: z.string().nullable(),
  /** Who took part since the version before. */
  participants: z.array(z.string()),
  bytes: z.number().int(),
})
export type Version = z.infer<typeof VersionSchema>

export const VersionsResponseSchema = z.object({ versions: z.array(VersionSchema) })

export const VersionNameLimit = 80

export const CreateVersionBodySchema = z.strictObject({
  name: plainLine('A version name', VersionNameLimit),
})

export const RestoreVersionBodySchema = z.strictObject({
  /** Restore this canvas only; without it, the whole board. */
  canvasId: EntityIdSchema.optional(),
})

export const RestoreResultSchema = z.object({
  /** How many canvases and drawn records the restore changed. */
  canvases: z.number().int(),
  records: z.number().int(),
  /** The version taken just before the restore: restoring it undoes the restore. */
  before: VersionSchema,
})
