import {
  PortfolioResponseSchema,
  portfolioQuery,
  type PortfolioFilters,
  type PortfolioResponse,
} from '../../shared/api/projects'
import { boardKeysHeaders } from '../access/requestAuth'
import { answer, api } from './client'

/** Every project on the boards this browser holds keys to, with the funnel. */
export function getPortfolio(
  filters: PortfolioFilters,
  signal?: AbortSignal,
): Promise<PortfolioResponse> {
  return answer(
    api.portfolio.$get(
      { query: portfolioQuery(filters), header: boardKeysHeaders() },
      { init: { signal } },
    ),
    PortfolioResponseSchema,
  )
}
