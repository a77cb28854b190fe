import { readTracking, writeTracking } from './trackingDoc.js'
import { newId } from '../baseContent.js'
import { ContentInputError, type CanvasKindSpec } from '../types.js'
import { HypothesisContentSchema, type HypothesisContent } from './content.js'
import { hypothesisCanvas } from './definition.js'
import { hypothesisMarkdown } from './markdown.js'
import { readMetrics, setMetrics } from './metricDoc.js'
import { HypothesisTrackingSchema, emptyTracking, type HypothesisTracking } from './tracking.js'

/** The hypothesis canvas: its metrics beside the boxes, and what it tracks while it runs. */
export const hypothesisSpec = {
  kind: hypothesisCanvas.kind,
  definition: hypothesisCanvas,
  schema: HypothesisContentSchema,
  parts: {
    empty: () => ({ metrics: [] }),
    read: (canvas) => ({ metrics: readMetrics(canvas) }),
    write(canvas, content) {
      if (content.metrics) setMetrics(canvas, content.metrics)
    },
    renewIds: (content, fresh) => ({ metrics: fresh(content.metrics) }),
  },
  tracking: {
    schema: HypothesisTrackingSchema,
    empty: () => emptyTracking(),
    read: (canvas) => readTracking(canvas),
    write: (canvas, tracking) => writeTracking(canvas, tracking),
    // Lessons are the lessons box's items: their dates follow the items' new ids.
    renewIds: (tracking, renamed) => ({
      ...tracking,
      lessons: tracking.lessons.map((l) => ({ ...l, id: renamed.get(l.id) ?? l.id })),
    }),
  },
  markdown: hypothesisMarkdown,
  input: {
    members: { metrics: 'only a hypothesis canvas has metrics' },
    fieldMembers: ['belief', 'expectedResult', 'successSignal'],
    read(body, base) {
      if (body.metrics === undefined) return {}
      const keys = new Set<string>()
      // A metric sent without an id keeps the id of the metric with its key, so a PATCH that
      // restates the metrics edits them in place rather than replacing them.
      const idsByKey = new Map((base.metrics ?? []).map((m) => [m.key, m.id]))
      return {
        metrics: body.metrics.map((m) => {
          if (keys.has(m.key)) throw new ContentInputError(`metric key "${m.key}" is used twice`)
          keys.add(m.key)
          return { ...m, id: m.id ?? idsByKey.get(m.key) ?? newId() }
        }),
      }
    },
  },
} satisfies CanvasKindSpec<typeof hypothesisCanvas.kind, HypothesisContent, HypothesisTracking>
