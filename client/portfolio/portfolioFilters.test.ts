import { describe, expect, it } from 'vitest'
import { parsePortfolioFilters, portfolioUrl } from './portfolioFilters'

describe('the portfolio filters in the page URL', () => {
  it('keeps known stages and statuses in their canonical order, once each', () => {
    expect(
      parsePortfolioFilters('?stage=monitoring,ideation,bogus,ideation&status=stopped'),
    ).toEqual({ stage: ['ideation', 'monitoring'], status: ['stopped'] })
  })

  it('writes the URL the filters read back from', () => {
    const filters = { stage: ['data-collection' as const], status: ['active' as const] }
    const url = portfolioUrl(filters)
    expect(url).toBe('/portfolio?stage=data-collection&status=active')
    expect(parsePortfolioFilters(url.slice(url.indexOf('?')))).toEqual(filters)
    expect(portfolioUrl({ stage: [], status: [] })).toBe('/portfolio')
  })
})
