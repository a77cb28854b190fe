import { useEffect, useMemo } from 'react'
import { navigate, useSearch } from '../app/router'
import { AppHeader } from '../ui/AppHeader'
import { ErrorBanner } from '../ui/ErrorBanner'
import { useNow } from '../ui/useNow'
import { NoHypotheses, NoMatch, TrackerLoadError, TrackerSkeleton } from './TrackerEmpty'
import { TrackerTable } from './TrackerTable'
import { TrackerToolbar } from './TrackerToolbar'
import {
  hasFilters,
  noFilters,
  parseTrackerFilters,
  trackerUrl,
  type TrackerFilters,
} from './trackerFilters'
import { useTracker } from './useTracker'
import './TrackerPage.css'

const count = (n: number) => `${n} ${n === 1 ? 'hypothesis' : 'hypotheses'}`

/** Every hypothesis on every board: filter, sort, and open one on its board. */
export function TrackerPage() {
  const search = useSearch()
  const filters = useMemo(() => parseTrackerFilters(search), [search])
  const tracker = useTracker(filters)
  const now = useNow(30_000)

  useEffect(() => {
    document.title = 'Hypotheses · Discovery Board'
    return () => {
      document.title = 'Discovery Board'
    }
  }, [])

  // Filters live in the URL so a view can be shared and survives a reload. They replace the
  // history entry: Back leaves the tracker instead of stepping through every click.
  const setFilters = (next: TrackerFilters) =>
    navigate(trackerUrl(next), { replace: true, keepScroll: true })
  const reset = () => setFilters({ ...noFilters, sort: filters.sort })

  const { data, error } = tracker
  const current = data !== null && data.key === tracker.key
  const filtered = hasFilters(filters)

  return (
    <div className="app-page">
      <AppHeader />
      <main className="tracker-main">
        <section className="list-intro tracker-intro">
          <div>
            <h1 className="page-title">Hypotheses</h1>
            <p className="page-subtitle">
              Every hypothesis on every board: where it stands and what the data says.
            </p>
          </div>
          {data && data.everything > 0 && (
            <p className="tracker-count" aria-live="polite" data-testid="tracker-count">
              {filtered ? `${data.total} of ${count(data.everything)}` : count(data.total)}
              {data.rows.length < data.total && ` · showing the first ${data.rows.length}`}
            </p>
          )}
        </section>

        {(data === null || data.everything > 0 || filtered) && (
          <TrackerToolbar filters={filters} boards={data?.boards ?? []} onChange={setFilters} />
        )}

        {error && current && (
          <ErrorBanner
            message={`Could not refresh: ${error}`}
            action={{ label: 'Try again', onClick: () => void tracker.refresh() }}
          />
        )}

        {error && !current ? (
          <TrackerLoadError
            message={error}
            retrying={tracker.loading}
            onRetry={() => void tracker.refresh()}
          />
        ) : data === null ? (
          <TrackerSkeleton />
        ) : data.everything === 0 ? (
          <NoHypotheses />
        ) : data.rows.length === 0 ? (
          current ? (
            <NoMatch onReset={reset} />
          ) : (
            <TrackerSkeleton />
          )
        ) : (
          <TrackerTable
            rows={data.rows}
            sort={filters.sort}
            onSort={(sort) => setFilters({ ...filters, sort })}
            now={now}
            stale={!current}
          />
        )}
      </main>
    </div>
  )
}
