import { AgentToolInputs, AgentTools } from '../../shared/api/agentTools.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { ApiError } from '../http/errors.js'
import { viewOf } from '../hypotheses/hypothesisActions.js'
import { recordMeasurementsOn } from '../hypotheses/measurementIntake.js'
import { parseJsonMeasurements } from '../hypotheses/parseMeasurements.js'
import { queryTracker } from '../indexes/trackerQuery.js'
import { queryPortfolio } from '../indexes/portfolioQuery.js'
import { findCanvas } from '../routes/boardDoc.js'
import { updateCanvas } from '../routes/canvasEdits.js'
import type { AgentKit } from './agentKit.js'

const T = AgentTools
const I = AgentToolInputs

/** Hypotheses: move one through its lifecycle, post measurements, read the tracker. */
export function registerHypothesisTools(kit: AgentKit) {
  const { ctx } = kit
  const findHypothesis = (boardId: string, hypothesisId: string) =>
    findCanvas(ctx, boardId, hypothesisId, hypothesisSpec.kind)

  kit.tool(
    T.updateHypothesis,
    'Move a hypothesis through its lifecycle (draft → ready → running → evaluated), set its time ' +
      'box before it runs, or set its criteria (metrics). Criteria are locked once it runs: a ' +
      'change then needs a reason and is kept as a dated amendment under your name (no moving ' +
      'targets). Refusals say what is missing.',
    I[T.updateHypothesis],
    async ({ boardId, hypothesisId, ...change }, { agent }) => {
      const role = await kit.allow(boardId, 'edit')
      await findHypothesis(boardId, hypothesisId)
      await updateCanvas(ctx, boardId, hypothesisId, { ...change, by: agent.name })
      kit.noteChange(boardId, role)
      return viewOf(await findHypothesis(boardId, hypothesisId), ctx.now())
    },
  )

  kit.tool(
    T.postMeasurements,
    'Record measurements of a hypothesis’s metrics (metric key, value, optional time, source and ' +
      'id; an id recorded before is kept once), all or nothing. Only a running hypothesis takes ' +
      'measurements other than baselines.',
    I[T.postMeasurements],
    async ({ boardId, hypothesisId, measurements, baseline }, { agent }) => {
      const role = await kit.allow(boardId, 'measure')
      const result = await recordMeasurementsOn(ctx, {
        boardId,
        hypothesisId,
        bytes: JSON.stringify(measurements).length,
        read: (keys, now) => parseJsonMeasurements({ measurements, baseline }, keys, now),
        baseline,
        by: agent.name,
      })
      kit.noteChange(boardId, role)
      return result
    },
  )

  kit.tool(
    T.readTracker,
    'The tracker: the hypotheses of the board this key opens (every board on an open instance) ' +
      'with status, time box, verdict and latest measurements',
    I[T.readTracker],
    async ({ overdue, ...filters }, { credential }) => {
      if (credential.kind !== 'key') {
        throw new ApiError('forbidden', 'An ingestion token can only post measurements')
      }
      await kit.allow(credential.boardId, 'view')
      const board = ctx.access.openInstance ? undefined : [credential.boardId]
      return queryTracker(
        ctx.persistence,
        {
          ...filters,
          ...(board ? { board } : {}),
          ...(overdue === undefined ? {} : { overdue: overdue ? 'true' : 'false' }),
        },
        ctx.now(),
      )
    },
  )

  kit.tool(
    T.readPortfolio,
    'The portfolio: the projects of the board this key opens (every board on an open instance) ' +
      'with stage, status, time in stage and linked hypotheses by verdict, and the funnel of ' +
      'where ended projects succeeded or stopped',
    I[T.readPortfolio],
    async (filters, { credential }) => {
      if (credential.kind !== 'key') {
        throw new ApiError('forbidden', 'An ingestion token can only post measurements')
      }
      await kit.allow(credential.boardId, 'view')
      const boards = ctx.access.openInstance ? undefined : new Set([credential.boardId])
      return queryPortfolio(ctx.persistence, filters, boards, ctx.now())
    },
  )
}
