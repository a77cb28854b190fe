import { newId } from '../baseContent.js'
import type { CanvasKindSpec } from '../types.js'
import { VsmContentSchema, type VsmContent } from './content.js'
import { vsmCanvas } from './definition.js'
import { compareStreams } from './figures.js'
import { vsmMarkdown } from './markdown.js'
import { StreamStates } from './step.js'
import { readDisplayUnit, readSteps, setDisplayUnit, setSteps } from './stepDoc.js'

/** The value-stream map: the steps of two states, and the flow figures computed from them. */
export const vsmSpec = {
  kind: vsmCanvas.kind,
  definition: vsmCanvas,
  schema: VsmContentSchema,
  parts: {
    empty: () => ({ current: [], future: [] }),
    read: (canvas) => ({
      current: readSteps(canvas, 'current'),
      future: readSteps(canvas, 'future'),
      ...(readDisplayUnit(canvas) && { displayUnit: readDisplayUnit(canvas) }),
    }),
    write(canvas, content) {
      if (content.current) setSteps(canvas, 'current', content.current)
      if (content.future) setSteps(canvas, 'future', content.future)
      // Present but undefined: a body's `displayUnit: null`, back to each duration's best units.
      if ('displayUnit' in content) setDisplayUnit(canvas, content.displayUnit ?? null)
    },
    renewIds: (content, fresh) => ({
      current: fresh(content.current),
      future: fresh(content.future),
    }),
  },
  markdown: vsmMarkdown,
  input: {
    members: {
      current: 'only a value-stream map has steps',
      future: 'only a value-stream map has steps',
      displayUnit: 'only a value-stream map has a display unit',
    },
    read(body) {
      const parts: Partial<VsmContent> = {}
      for (const state of StreamStates) {
        const steps = body[state]
        if (steps !== undefined)
          parts[state] = steps.map(({ parallel, ...s }) => ({
            ...s,
            id: s.id ?? newId(),
            ...(parallel && { parallel: true as const }),
          }))
      }
      // null goes back to no unit: the content leaves it out, and the doc drops it below.
      if (body.displayUnit !== undefined) parts.displayUnit = body.displayUnit ?? undefined
      return parts
    },
  },
  figures: (content: VsmContent) => compareStreams(content.current ?? [], content.future ?? []),
} satisfies CanvasKindSpec<typeof vsmCanvas.kind, VsmContent>
