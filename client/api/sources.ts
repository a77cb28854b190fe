import {
  MetricSourceViewSchema,
  PollResultSchema,
  type MetricSourceView,
  type PollResult,
  type SourceInput,
} from '../../shared/api/sources'
import { ApiError, answer, api, done, withKey } from './client'

const source = api.boards[':boardId'].hypotheses[':hypothesisId'].metrics[':metricKey'].source

/** A metric of a hypothesis of a board: what a source belongs to. */
export interface MetricRef {
  boardId: string
  hypothesisId: string
  metricKey: string
}

/** A metric's source and how its polls went; null when it has none. */
export async function getMetricSource(
  ref: MetricRef,
  signal?: AbortSignal,
): Promise<MetricSourceView | null> {
  try {
    return await answer(
      source.$get({ param: ref }, withKey(ref.boardId, { signal })),
      MetricSourceViewSchema,
    )
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return null
    throw error
  }
}

/** Connects a metric to a source, or changes it. */
export function setMetricSource(ref: MetricRef, input: SourceInput): Promise<MetricSourceView> {
  return answer(
    source.$put({ param: ref, json: input }, withKey(ref.boardId)),
    MetricSourceViewSchema,
  )
}

/** Disconnects a metric from its source; what it recorded stays. */
export function removeMetricSource(ref: MetricRef): Promise<void> {
  return done(source.$delete({ param: ref }, withKey(ref.boardId)))
}

/** Polls the source now: what came of it. */
export function pollMetricSource(ref: MetricRef): Promise<PollResult> {
  return answer(source.poll.$post({ param: ref }, withKey(ref.boardId)), PollResultSchema)
}
