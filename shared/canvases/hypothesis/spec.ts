import { readTracking, stampLessons, writeTracking } from './trackingDoc.js'
import { restoreImported } from './importRules.js'
import { newId } from '../baseContent.js'
import { ContentInputError, type CanvasKindSpec } from '../types.js'
import { HypothesisContentSchema, isHypothesis, type HypothesisContent } from './content.js'
import { hypothesisCanvas } from './definition.js'
import { hypothesisMarkdown } from './markdown.js'
import { readMetrics, setMetrics } from './metricDoc.js'
import { readAssumptions, setAssumptions } from './assumptionDoc.js'
import { HypothesisTrackingSchema, emptyTracking, type HypothesisTracking } from './tracking.js'

/** The hypothesis canvas: its metrics beside the boxes, and what it tracks while it runs. */
export const hypothesisSpec = {
  kind: hypothesisCanvas.kind,
  definition: hypothesisCanvas,
  schema: HypothesisContentSchema,
  parts: {
    empty: () => ({ metrics: [], assumptions: [] }),
    read: (canvas) => ({ metrics: readMetrics(canvas), assumptions: readAssumptions(canvas) }),
    write(canvas, content) {
      if (content.metrics) setMetrics(canvas, content.metrics)
      if (content.assumptions) setAssumptions(canvas, content.assumptions)
    },
    renewIds: (content, fresh) => ({
      metrics: fresh(content.metrics),
      assumptions: fresh(content.assumptions),
    }),
  },
  tracking: {
    schema: HypothesisTrackingSchema,
    empty: () => emptyTracking(),
    read: (canvas) => readTracking(canvas),
    write: (canvas, tracking) => writeTracking(canvas, tracking),
    // Lessons given when a canvas is created become dated, attributed entries of the log.
    created: (canvas, stamp) => stampLessons(canvas, stamp),
    imported: (content, tracking, now, newId) =>
      isHypothesis(content)
        ? restoreImported(content, tracking, now, newId)
        : { tracking, notes: [] },
    // Lessons are the lessons box's items: their dates follow the items' new ids.
    renewIds: (tracking, renamed) => ({
      ...tracking,
      lessons: tracking.lessons.map((l) => ({ ...l, id: renamed.get(l.id) ?? l.id })),
    }),
  },
  markdown: hypothesisMarkdown,
  input: {
    members: {
      metrics: 'only a hypothesis canvas has metrics',
      assumptions: 'only a hypothesis canvas has assumptions',
    },
    fieldMembers: ['belief', 'expectedResult', 'successSignal'],
    read(body, base) {
      const parts: Partial<HypothesisContent> = {}
      if (body.assumptions !== undefined) {
        const idsByText = new Map((base.assumptions ?? []).map((a) => [a.text, a.id]))
        const ids = new Set<string>()
        parts.assumptions = body.assumptions.map((a) => {
          const id = a.id ?? idsByText.get(a.text) ?? newId()
          if (ids.has(id)) throw new ContentInputError(`assumption id "${id}" is used twice`)
          ids.add(id)
          return { id, text: a.text, state: a.state }
        })
      }
      if (body.metrics === undefined) return parts
      const keys = new Set<string>()
      // A metric sent without an id keeps the id of the metric with its key, so a PATCH that
      // restates the metrics edits them in place rather than replacing them.
      const idsByKey = new Map((base.metrics ?? []).map((m) => [m.key, m.id]))
      return {
        ...parts,
        metrics: body.metrics.map((m) => {
          if (keys.has(m.key)) throw new ContentInputError(`metric key "${m.key}" is used twice`)
          keys.add(m.key)
          return { ...m, id: m.id ?? idsByKey.get(m.key) ?? newId() }
        }),
      }
    },
  },
} satisfies CanvasKindSpec<typeof hypothesisCanvas.kind, HypothesisContent, HypothesisTracking>
