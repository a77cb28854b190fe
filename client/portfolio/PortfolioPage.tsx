import { useEffect, useMemo } from 'react'
import { StageDefinitions } from '../../shared/canvases/project/stages'
import { ProjectStatuses, type ProjectStatus } from '../../shared/canvases/project/tracking'
import { Link, navigate, useSearch } from '../app/router'
import { FilterMenu } from '../tracker/FilterMenu'
import { AppHeader } from '../ui/AppHeader'
import { ErrorBanner } from '../ui/ErrorBanner'
import { FunnelChart } from './FunnelChart'
import {
  hasPortfolioFilters,
  parsePortfolioFilters,
  portfolioUrl,
  type PortfolioPageFilters,
} from './portfolioFilters'
import { PortfolioTable } from './PortfolioTable'
import { usePortfolio } from './usePortfolio'
import './PortfolioPage.css'

const statusLabels: Record<ProjectStatus, string> = {
  active: 'Active',
  succeeded: 'Succeeded',
  stopped: 'Stopped',
}
const count = (n: number) => `${n} ${n === 1 ? 'project' : 'projects'}`

/** Every project on the boards this browser holds keys to: filter, see the funnel, open one. */
export function PortfolioPage() {
  const search = useSearch()
  const filters = useMemo(() => parsePortfolioFilters(search), [search])
  const portfolio = usePortfolio(filters)

  useEffect(() => {
    document.title = 'Portfolio · Discovery Board'
    return () => {
      document.title = 'Discovery Board'
    }
  }, [])

  // Filters live in the URL so a view can be shared; they replace the history entry.
  const setFilters = (next: PortfolioPageFilters) =>
    navigate(portfolioUrl(next), { replace: true, keepScroll: true })
  const { data, error } = portfolio
  const current = data !== null && data.key === portfolio.key
  const filtered = hasPortfolioFilters(filters)

  return (
    <div className="app-page">
      <AppHeader />
      <main className="portfolio-main">
        <section className="list-intro">
          <div>
            <h1 className="page-title">Portfolio</h1>
            <p className="page-subtitle">
              Every project across your boards: the stage it is in, its hypotheses, and where the
              ended ones succeeded or stopped.
            </p>
          </div>
          {data && data.everything > 0 && (
            <p className="portfolio-count" aria-live="polite" data-testid="portfolio-count">
              {filtered
                ? `${data.projects.length} of ${count(data.everything)}`
                : count(data.everything)}
            </p>
          )}
        </section>

        {(data === null || data.everything > 0) && (
          <div className="portfolio-toolbar" role="search" aria-label="Filter projects">
            <FilterMenu
              label="Stage"
              options={StageDefinitions.map((d) => ({ value: d.stage, label: d.label }))}
              selected={filters.stage}
              onChange={(stage) => setFilters({ ...filters, stage })}
            />
            <FilterMenu
              label="Status"
              options={ProjectStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
              selected={filters.status}
              onChange={(status) => setFilters({ ...filters, status })}
            />
            {filtered && (
              <button
                type="button"
                className="button button-small"
                onClick={() => setFilters({ stage: [], status: [] })}
              >
                Clear filters
              </button>
            )}
          </div>
        )}

        {error && (
          <ErrorBanner
            message={current ? `Could not refresh: ${error}` : error}
            action={{ label: 'Try again', onClick: () => void portfolio.refresh() }}
          />
        )}

        {data === null ? (
          <div className="portfolio-loading" data-testid="portfolio-loading" aria-busy="true" />
        ) : data.everything === 0 ? (
          <div className="empty-state" data-testid="portfolio-empty">
            <h2>No projects yet</h2>
            <p>
              Open a board and add a <strong>Project</strong> canvas: name it, say who owns it and
              what problem it solves, then move it through its stages as you learn.
            </p>
            <Link className="button button-primary" to="/">
              Go to your boards
            </Link>
          </div>
        ) : (
          <>
            {data.projects.length === 0 ? (
              <div className="empty-state" data-testid="portfolio-no-match">
                <h2>No project matches these filters</h2>
                <button
                  type="button"
                  className="button"
                  onClick={() => setFilters({ stage: [], status: [] })}
                >
                  Clear filters
                </button>
              </div>
            ) : (
              <PortfolioTable rows={data.projects} stale={!current} />
            )}
            <FunnelChart funnel={data.funnel} />
          </>
        )}
      </main>
    </div>
  )
}
