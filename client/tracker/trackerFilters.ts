import { TrackerSorts, type TrackerFilters as TrackerApiFilters } from '../../shared/api/hypotheses'
import { BoardIdSchema } from '../../shared/api/boards'
import {
  HypothesisStatuses,
  type HypothesisStatus,
} from '../../shared/canvases/hypothesis/tracking'
import { Verdicts, type Verdict } from '../../shared/canvases/hypothesis/verdict'

import { TrackerPath } from './trackerPath'

export { TrackerPath }

export type TrackerSort = (typeof TrackerSorts)[number]

/** What the tracker shows: the filters and the order, as the page URL carries them. */
export interface TrackerFilters {
  status: HypothesisStatus[]
  verdict: Verdict[]
  board: string[]
  overdue: boolean
  sort: TrackerSort
}

export const DefaultSort: TrackerSort = 'updated'

export const noFilters: TrackerFilters = {
  status: [],
  verdict: [],
  board: [],
  overdue: false,
  sort: DefaultSort,
}

/** Keeps the known values of a comma-separated list, once each, in the canonical order. */
function pickList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const given = new Set((raw ?? '').split(','))
  return allowed.filter((value) => given.has(value))
}

/**
 * Reads the filters from a page query string. A link someone shared may be old or hand-edited,
 * so unknown values are dropped rather than refused: the page still opens with what makes sense.
 */
export function parseTrackerFilters(search: string): TrackerFilters {
  const params = new URLSearchParams(search)
  const boards = (params.get('board') ?? '')
    .split(',')
    .filter((id) => BoardIdSchema.safeParse(id).success)
  const sort = params.get('sort')
  return {
    status: pickList(params.get('status'), HypothesisStatuses),
    verdict: pickList(params.get('verdict'), Verdicts),
    board: [...new Set(boards)],
    overdue: params.get('overdue') === 'true',
    sort: TrackerSorts.find((s) => s === sort) ?? DefaultSort,
  }
}

/**
 * The page query string for filters ("" for none). Defaults are left out so the plain page has
 * a plain URL; commas stay readable because the values never contain one.
 */
export function trackerSearch(filters: TrackerFilters): string {
  const parts: string[] = []
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0) parts.push(`${name}=${values.map(encodeURIComponent).join(',')}`)
  }
  list('status', filters.status)
  list('verdict', filters.verdict)
  list('board', filters.board)
  if (filters.overdue) parts.push('overdue=true')
  if (filters.sort !== DefaultSort) parts.push(`sort=${filters.sort}`)
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** The tracker page's URL for filters. */
export const trackerUrl = (filters: TrackerFilters) => `${TrackerPath}${trackerSearch(filters)}`

/** Whether any filter narrows the list (the order is not a filter). */
export function hasFilters(filters: TrackerFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.verdict.length > 0 ||
    filters.board.length > 0 ||
    filters.overdue
  )
}

/** The API filters for the page's filters, showing at most `limit` rows. */
export function trackerQuery(filters: TrackerFilters, limit?: number): TrackerApiFilters {
  return {
    status: filters.status,
    verdict: filters.verdict,
    board: filters.board,
    // Off means "overdue or not": `overdue=false` would ask for only those on time.
    overdue: filters.overdue ? true : undefined,
    sort: filters.sort,
    limit,
  }
}
