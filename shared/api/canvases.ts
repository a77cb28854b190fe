import { z } from 'zod'
import {
  CanvasKinds,
  EntityIdSchema,
  ItemTextSchema,
  MetricDirections,
  MetricKinds,
  type CanvasContent,
} from '../canvases/schema.js'
import type { CanvasFigures } from '../canvases/registry.js'
import { HypothesisPatchFields } from './hypotheses.js'
import { StepClassifications, Wastes } from '../canvases/vsm/definition.js'

const TitleSchema = z.string().trim().min(1).max(200)
const FieldValueSchema = z.string().max(2000)

/** A metric as an integration sends it; `id` is generated when absent. */
export const MetricInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
  name: z.string().max(200).default(''),
  kind: z.enum(MetricKinds).default('success'),
  unit: z.string().max(40).default(''),
  direction: z.enum(MetricDirections).default('increase'),
  baseline: z
    .strictObject({
      value: z.number().finite().nullable().default(null),
      at: z.string().max(40).nullable().default(null),
      source: z.string().max(200).nullable().default(null),
    })
    .default({ value: null, at: null, source: null }),
  target: z
    .strictObject({ value: z.number().finite().nullable().default(null) })
    .default({ value: null }),
  tolerance: z.number().finite().min(0).nullable().default(null),
})
export type MetricInput = z.input<typeof MetricInputSchema>

/** A value-stream step as an integration sends it; `id` is generated when absent. */
export const StepInputSchema = z
  .strictObject({
    id: EntityIdSchema.optional(),
    name: z.string().max(200),
    owner: z.string().max(200).default(''),
    processMinutes: z.number().finite().min(0),
    leadMinutes: z.number().finite().min(0),
    completeAccuratePct: z.number().finite().min(0).max(100).default(100),
    classification: z.enum(StepClassifications).default('value-adding'),
    wastes: z.array(z.enum(Wastes)).default([]),
  })
  .refine((s) => s.leadMinutes >= s.processMinutes, {
    message: 'lead time must be at least the process time',
    path: ['leadMinutes'],
  })

/** An item in a PATCH: a new text, or an existing item by id (with a new text, or kept as is). */
const ItemInputSchema = z.union([
  ItemTextSchema,
  z.strictObject({ id: EntityIdSchema, text: ItemTextSchema.optional() }),
])

const contentParts = {
  title: TitleSchema.optional(),
  fields: z.record(z.string(), FieldValueSchema).optional(),
  belief: FieldValueSchema.optional(),
  expectedResult: FieldValueSchema.optional(),
  successSignal: FieldValueSchema.optional(),
  metrics: z.array(MetricInputSchema).max(100).optional(),
  current: z.array(StepInputSchema).max(500).optional(),
  future: z.array(StepInputSchema).max(500).optional(),
}

/** The content members of a create or change body, as a kind reads them (any kind's). */
export type CanvasBodyParts = {
  [K in keyof typeof contentParts]?: z.infer<(typeof contentParts)[K]>
}

/** POST /api/boards/:boardId/canvases */
export const CreateCanvasBodySchema = z.strictObject({
  kind: z.enum(CanvasKinds),
  ...contentParts,
  boxes: z.record(z.string(), z.array(ItemTextSchema).max(1000)).optional(),
})
export type CreateCanvasBody = z.infer<typeof CreateCanvasBodySchema>

/**
 * PATCH /api/boards/:boardId/canvases/:canvasId: changes what it names and nothing else. On a
 * hypothesis it also moves the status and amends locked metrics (see HypothesisPatchFields).
 */
export const UpdateCanvasBodySchema = z.strictObject({
  ...contentParts,
  boxes: z.record(z.string(), z.array(ItemInputSchema).max(1000)).optional(),
  ...HypothesisPatchFields,
})
export type UpdateCanvasBody = z.infer<typeof UpdateCanvasBodySchema>

/** A canvas as the API returns it: the typed content, plus computed figures for a map. */
export type CanvasResponse = CanvasContent & { figures?: CanvasFigures }
