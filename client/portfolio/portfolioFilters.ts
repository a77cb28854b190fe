import { Stages, type Stage } from '../../shared/canvases/project/stages'
import { ProjectStatuses, type ProjectStatus } from '../../shared/canvases/project/tracking'
import { PortfolioPath } from './portfolioPath'

/** What the portfolio shows, as the page URL carries it (`?stage=prototyping&status=active`). */
export interface PortfolioPageFilters {
  stage: Stage[]
  status: ProjectStatus[]
}

/** Keeps the known values of a comma-separated list, once each, in the canonical order. */
function pickList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const given = new Set((raw ?? '').split(','))
  return allowed.filter((value) => given.has(value))
}

/** The filters a page URL's query string asks for; unknown values are dropped. */
export function parsePortfolioFilters(search: string): PortfolioPageFilters {
  const params = new URLSearchParams(search)
  return {
    stage: pickList(params.get('stage'), Stages),
    status: pickList(params.get('status'), ProjectStatuses),
  }
}

/** The page URL of `filters` (no query string when none is set). */
export function portfolioUrl(filters: PortfolioPageFilters): string {
  const params = new URLSearchParams()
  if (filters.stage.length > 0) params.set('stage', filters.stage.join(','))
  if (filters.status.length > 0) params.set('status', filters.status.join(','))
  const query = params.toString().replace(/%2C/g, ',')
  return query === '' ? PortfolioPath : `${PortfolioPath}?${query}`
}

export const hasPortfolioFilters = (f: PortfolioPageFilters) =>
  f.stage.length > 0 || f.status.length > 0
