import { z } from 'zod'

/** Ids of items, metrics, steps and canvases: short random base64url strings. */
export const EntityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, 'not an id')

/** Makes a new random id (works in browsers and Node). */
export function newId(length = 12): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  return Array.from(bytes, (b) => alphabet[b & 63]).join('')
}

export const ItemTextSchema = z.string().max(4000, 'an item is at most 4000 characters')

/**
 * An item's link to a metric of a hypothesis canvas on the same board (Lean key metrics, ML
 * monitoring): the item shows that metric's latest value and verdict.
 */
export const MetricLinkSchema = z.object({
  canvasId: EntityIdSchema,
  metricKey: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'not a metric key'),
})
export type MetricLink = z.infer<typeof MetricLinkSchema>

/** One short text in a box, in a box that takes them perhaps linked to a metric. */
export const CanvasItemSchema = z.object({
  id: EntityIdSchema,
  text: ItemTextSchema,
  metric: MetricLinkSchema.optional(),
})
export type CanvasItem = z.infer<typeof CanvasItemSchema>

/** The current version of the stored canvas layout; older documents are migrated on read. */
export const CanvasVersion = 1

/**
 * What every canvas has, whatever its kind: a kind's content schema extends this with its
 * `kind` literal and its own parts (shared/canvases/<kind>/spec.ts).
 */
export const BaseContentSchema = z.object({
  id: EntityIdSchema,
  title: z.string().max(200),
  fields: z.record(z.string(), z.string().max(2000)),
  boxes: z.record(z.string(), z.array(CanvasItemSchema)),
})
export type BaseContent = z.infer<typeof BaseContentSchema> & { kind: string }
