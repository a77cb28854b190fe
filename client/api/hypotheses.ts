import {
  TrackerResponseSchema,
  type TrackerQueryInput,
  type TrackerResponse,
} from '../../shared/api/hypotheses'
import { apiRequest } from './client'

/** The query string of GET /api/hypotheses for a tracker query ("" when it has no parameter). */
export function trackerQueryString(query: TrackerQueryInput): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Hypotheses of every board that match the tracker's filters, in the requested order. */
export function listTrackedHypotheses(
  query: TrackerQueryInput,
  signal?: AbortSignal,
): Promise<TrackerResponse> {
  return apiRequest(`/api/hypotheses${trackerQueryString(query)}`, TrackerResponseSchema, {
    signal,
  })
}
