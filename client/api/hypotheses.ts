import {
  TrackerResponseSchema,
  trackerQuery,
  type TrackerFilters,
  type TrackerResponse,
} from '../../shared/api/hypotheses'
import { boardKeysHeaders } from '../access/requestAuth'
import { answer, api } from './client'

/** Hypotheses of every board that match the tracker's filters, in the requested order. */
export function listTrackedHypotheses(
  filters: TrackerFilters,
  signal?: AbortSignal,
): Promise<TrackerResponse> {
  return answer(
    api.hypotheses.$get(
      { query: trackerQuery(filters), header: boardKeysHeaders() },
      { init: { signal } },
    ),
    TrackerResponseSchema,
  )
}

/** Where systems post a hypothesis's measurements (with an ingestion token, not a board key). */
export const measurementsPath = (boardId: string, hypothesisId: string) =>
  api.boards[':boardId'].hypotheses[':hypothesisId'].measurements.$path({
    param: { boardId, hypothesisId },
    query: {},
  })
