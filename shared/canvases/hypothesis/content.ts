import { z } from 'zod'
import { BaseContentSchema, type BaseContent } from '../baseContent.js'
import { hypothesisCanvas } from './definition.js'
import { MetricSchema } from './metric.js'
import { AssumptionSchema } from './assumption.js'

/**
 * A hypothesis canvas's content: the sentence fields, boxes, the agreed metrics and the
 * assumptions it rests on (riskiest first).
 */
export const HypothesisContentSchema = BaseContentSchema.extend({
  kind: z.literal(hypothesisCanvas.kind),
  metrics: z.array(MetricSchema).optional(),
  assumptions: z.array(AssumptionSchema).optional(),
})
export type HypothesisContent = z.infer<typeof HypothesisContentSchema>

/** Whether a canvas map (written by anyone) is a hypothesis's. */
export const isHypothesisMap = (map: { get(key: string): unknown }) =>
  map.get('kind') === hypothesisCanvas.kind

/** Whether a canvas is a hypothesis. */
export const isHypothesis = (content: BaseContent): content is HypothesisContent =>
  content.kind === hypothesisCanvas.kind
