import {
  TrackerResponseSchema,
  trackerSearch,
  type TrackerFilters,
  type TrackerResponse,
} from '../../shared/api/hypotheses'
import { apiRequest } from './client'

/** Hypotheses of every board that match the tracker's filters, in the requested order. */
export function listTrackedHypotheses(
  filters: TrackerFilters,
  signal?: AbortSignal,
): Promise<TrackerResponse> {
  return apiRequest(`/api/hypotheses${trackerSearch(filters)}`, TrackerResponseSchema, { signal })
}
