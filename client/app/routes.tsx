import { lazy, Suspense, type ReactNode } from 'react'
import { BoardListPage } from '../boards/BoardListPage'
import { BoardLoading } from '../board/BoardLoading'
import { PortfolioPath } from '../portfolio/portfolioPath'
import { TrackerPath } from '../tracker/trackerPath'

// The board editor (tldraw, the shapes, the sync and workshop code) is most of the app's
// JavaScript; the board list and the tracker must not wait for it, so it loads with its route.
// A static import of anything that reaches tldraw brings it back into every page's first load:
// test/build/production.test.ts and `npm run bench -- bundles` watch for it.
// The tracker (its table, menus and charts) loads with its route too, so the board list loads
// only what it shows.
const ReloadedKey = 'board-editor-reloaded'
const BoardPage = lazy(() =>
  import('../board/BoardPage').then(
    (m) => {
      sessionStorage.removeItem(ReloadedKey)
      return { default: m.BoardPage }
    },
    (error: unknown) => reloadOnceFor(error),
  ),
)
const TrackerPage = lazy(() =>
  import('../tracker/TrackerPage').then(
    (m) => {
      sessionStorage.removeItem(ReloadedKey)
      return { default: m.TrackerPage }
    },
    (error: unknown) => reloadOnceFor(error),
  ),
)

const PortfolioPage = lazy(() =>
  import('../portfolio/PortfolioPage').then(
    (m) => {
      sessionStorage.removeItem(ReloadedKey)
      return { default: m.PortfolioPage }
    },
    (error: unknown) => reloadOnceFor(error),
  ),
)

/**
 * A page opened before a new version was deployed asks for editor files that are gone: load
 * the page again (once, so a real outage still shows its error).
 */
function reloadOnceFor(error: unknown): Promise<never> {
  if (sessionStorage.getItem(ReloadedKey) === null) {
    sessionStorage.setItem(ReloadedKey, '1')
    window.location.reload()
    return new Promise<never>(() => {})
  }
  sessionStorage.removeItem(ReloadedKey)
  return Promise.reject(error)
}

/** Shown while the editor's code loads; the board page shows the same until it is connected. */
function BoardPageLoading() {
  return (
    <div className="board-page" data-testid="board-page-loading">
      <main className="board-canvas">
        <BoardLoading status="connecting" />
      </main>
    </div>
  )
}

/** One entry per page; `:name` segments become params. New pages are added here only. */
export interface Route {
  path: string
  render: (params: Record<string, string>) => ReactNode
}

export const routes: Route[] = [
  { path: '/', render: () => <BoardListPage /> },
  {
    path: TrackerPath,
    render: () => (
      <Suspense fallback={<div className="app-page" data-testid="tracker-loading" />}>
        <TrackerPage />
      </Suspense>
    ),
  },
  {
    path: PortfolioPath,
    render: () => (
      <Suspense fallback={<div className="app-page" data-testid="portfolio-loading" />}>
        <PortfolioPage />
      </Suspense>
    ),
  },
  {
    path: '/b/:boardId',
    // The key remounts the page, and with it the sync connection, when the board changes.
    render: ({ boardId = '' }) => (
      <Suspense fallback={<BoardPageLoading />}>
        <BoardPage key={boardId} boardId={boardId} />
      </Suspense>
    ),
  },
]

/** Finds the route for a pathname and extracts its params. */
export function matchRoute(
  pathname: string,
  table: Route[] = routes,
): { route: Route; params: Record<string, string> } | null {
  const parts = splitPath(pathname)
  for (const route of table) {
    const pattern = splitPath(route.path)
    if (pattern.length !== parts.length) continue
    const params: Record<string, string> = {}
    const matches = pattern.every((segment, i) => {
      const part = parts[i] ?? ''
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = safeDecode(part)
        return part.length > 0
      }
      return segment === part
    })
    if (matches) return { route, params }
  }
  return null
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0)
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
