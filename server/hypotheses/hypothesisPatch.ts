import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { ApiError } from '../http/errors.js'
import type { CanvasPatch } from '../routes/canvasPatches.js'
import { planHypothesisChange } from './hypothesisActions.js'

/** A PATCH of a hypothesis: its metrics follow the lifecycle (locked once it runs). */
export const hypothesisPatch: CanvasPatch = {
  kind: hypothesisSpec.kind,
  members: ['status', 'timeboxDays', 'reason'],
  refusal: 'only a hypothesis has a status, time box or amendments',
  extra: ['by'],
  check(body) {
    if (body.boxes?.lessons !== undefined) {
      throw new ApiError(
        'invalid_body',
        'lessons learned are append-only: add one with POST …/hypotheses/:hypothesisId/lessons',
      )
    }
  },
  plan(found, patch, body, now) {
    const { metrics, ...content } = patch
    const { status, timeboxDays, reason, by } = body
    return {
      content,
      then: planHypothesisChange(found, { metrics, status, timeboxDays, reason, by: by ?? 'API' }, now),
    }
  },
}
