import { z } from 'zod'
import { StepClassifications, Wastes } from './vsm/definition.js'

/** Ids of items, metrics, steps and canvases: short random base64url strings. */
export const EntityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, 'not an id')

/** Makes a new random id (works in browsers and Node). */
export function newId(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  return Array.from(bytes, (b) => alphabet[b & 63]).join('')
}

export const ItemTextSchema = z.string().max(4000, 'an item is at most 4000 characters')

/** One short text in a box. */
export const CanvasItemSchema = z.object({ id: EntityIdSchema, text: ItemTextSchema })
export type CanvasItem = z.infer<typeof CanvasItemSchema>

export const MetricKinds = ['success', 'evaluation', 'guardrail'] as const
export const MetricDirections = ['increase', 'decrease'] as const

/** A metric of a hypothesis, agreed before the experiment starts. */
export const MetricSchema = z.object({
  id: EntityIdSchema,
  key: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
      'a metric key is a letter then letters, digits, _ . -',
    ),
  name: z.string().max(200),
  kind: z.enum(MetricKinds),
  unit: z.string().max(40),
  direction: z.enum(MetricDirections),
  baseline: z.object({
    value: z.number().finite().nullable(),
    at: z.string().max(40).nullable(),
    source: z.string().max(200).nullable(),
  }),
  target: z.object({ value: z.number().finite().nullable() }),
  /** Guardrails only: how much worse than the baseline is still acceptable, in the metric's unit. */
  tolerance: z.number().finite().min(0).nullable(),
})
export type Metric = z.infer<typeof MetricSchema>

/** One step of a value stream. */
export const StepSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().max(200),
    owner: z.string().max(200),
    processMinutes: z.number().finite().min(0),
    leadMinutes: z.number().finite().min(0),
    completeAccuratePct: z.number().finite().min(0).max(100),
    classification: z.enum(StepClassifications),
    wastes: z.array(z.enum(Wastes)).max(Wastes.length),
  })
  .refine((s) => s.leadMinutes >= s.processMinutes, {
    message: 'lead time must be at least the process time',
    path: ['leadMinutes'],
  })
export type Step = z.infer<typeof StepSchema>

export const CanvasKinds = ['hypothesis', 'ml', 'lean', 'vsm'] as const
export type CanvasKind = (typeof CanvasKinds)[number]

/** The current version of the stored canvas layout; older documents are migrated on read. */
export const CanvasVersion = 1

/** The typed content of any canvas, as the API, export and import see it. */
export const CanvasContentSchema = z.object({
  id: EntityIdSchema,
  kind: z.enum(CanvasKinds),
  title: z.string().max(200),
  fields: z.record(z.string(), z.string().max(2000)),
  boxes: z.record(z.string(), z.array(CanvasItemSchema)),
  metrics: z.array(MetricSchema).optional(),
  current: z.array(StepSchema).optional(),
  future: z.array(StepSchema).optional(),
})
export type CanvasContent = z.infer<typeof CanvasContentSchema>
