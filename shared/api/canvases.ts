import { z } from 'zod'
import { contentParts } from '../canvases/canvasBody.js'
import type { CanvasFigures } from '../canvases/registry.js'
import {
  CanvasContentSchema,
  CanvasKinds,
  EntityIdSchema,
  ItemTextSchema,
  MetricLinkSchema,
  type CanvasContent,
} from '../canvases/schema.js'
import { HypothesisPatchFields } from './hypotheses.js'

// A kind's own members are defined in its folder; the bodies take every kind's.
export { MetricInputSchema, type MetricInput } from '../canvases/hypothesis/metricInput.js'
export { StepInputSchema } from '../canvases/vsm/stepInput.js'

/**
 * An item in a PATCH: a new text, or an existing item by id (with a new text, or kept as is);
 * in a box that takes them, `metric` links it to a hypothesis metric on the board (null unlinks).
 */
const ItemInputSchema = z.union([
  ItemTextSchema,
  z.strictObject({
    id: EntityIdSchema,
    text: ItemTextSchema.optional(),
    metric: MetricLinkSchema.nullable().optional(),
  }),
])

/** A box the API writes holds at most this many items. */
export const MaxBoxItems = 1000

/** POST /api/boards/:boardId/canvases */
export const CreateCanvasBodySchema = z.strictObject({
  kind: z.enum(CanvasKinds),
  ...contentParts,
  boxes: z.record(z.string(), z.array(ItemTextSchema).max(MaxBoxItems)).optional(),
})
export type CreateCanvasBody = z.infer<typeof CreateCanvasBodySchema>

/**
 * PATCH /api/boards/:boardId/canvases/:canvasId: changes what it names and nothing else. On a
 * hypothesis it also moves the status and amends locked metrics (see HypothesisPatchFields).
 */
export const UpdateCanvasBodySchema = z.strictObject({
  ...contentParts,
  boxes: z.record(z.string(), z.array(ItemInputSchema).max(MaxBoxItems)).optional(),
  ...HypothesisPatchFields,
})
export type UpdateCanvasBody = z.infer<typeof UpdateCanvasBodySchema>

/** A canvas as the API returns it: the typed content, plus computed figures for a map. */
export type CanvasResponse = CanvasContent & { figures?: CanvasFigures }

/** A canvas as the API returns it, as a schema (the API description uses it). */
export const CanvasResponseSchema = z.intersection(
  CanvasContentSchema,
  z.object({
    figures: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Figures computed from the content, for a kind that has some (value-stream flow)'),
  }),
)

/** 201 from POST /api/boards/:boardId/import: the ids of the canvases created. */
export const ImportResultSchema = z.object({
  ids: z.array(EntityIdSchema),
  /** What the import restored as recorded history rather than as new (a past time box, …). */
  notes: z.array(z.string()),
})
