import type { UpdateCanvasBody } from '../../shared/api/canvases.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import type { CanvasContent } from '../../shared/canvases/schema.js'
import { ApiError } from '../http/errors.js'
import type { FoundCanvas } from '../routes/boardDoc.js'
import { planHypothesisChange } from './hypothesisActions.js'

type BodyMembers = readonly (keyof UpdateCanvasBody)[]

/**
 * A PATCH of a hypothesis: its metrics follow the lifecycle (locked once it runs). It is a
 * `CanvasPatch`, checked as one where server/routes/canvasPatches.ts lists it; naming that type
 * here would make the list and this entry import each other.
 */
export const hypothesisPatch = {
  kind: hypothesisSpec.kind,
  members: ['status', 'timeboxDays', 'reason'] as const satisfies BodyMembers,
  refusal: 'only a hypothesis has a status, time box or amendments',
  extra: ['by'] as const satisfies BodyMembers,
  check(body: UpdateCanvasBody) {
    if (body.boxes?.lessons !== undefined) {
      throw new ApiError(
        'invalid_body',
        'lessons learned are append-only: add one with POST …/hypotheses/:hypothesisId/lessons',
      )
    }
  },
  plan(found: FoundCanvas, patch: CanvasContent, body: UpdateCanvasBody, now: number) {
    const { metrics, ...content } = patch
    const { status, timeboxDays, reason, by } = body
    return {
      content,
      then: planHypothesisChange(
        found,
        { metrics, status, timeboxDays, reason, by: by ?? 'API' },
        now,
      ),
    }
  },
}
