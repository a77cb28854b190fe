import type { ReactNode } from 'react'
import { BoardListPage } from '../boards/BoardListPage'
import { BoardPage } from '../board/BoardPage'
import { TrackerPage } from '../tracker/TrackerPage'
import { TrackerPath } from '../tracker/trackerFilters'

/** One entry per page; `:name` segments become params. New pages are added here only. */
export interface Route {
  path: string
  render: (params: Record<string, string>) => ReactNode
}

export const routes: Route[] = [
  { path: '/', render: () => <BoardListPage /> },
  { path: TrackerPath, render: () => <TrackerPage /> },
  {
    path: '/b/:boardId',
    // The key remounts the page, and with it the sync connection, when the board changes.
    render: ({ boardId = '' }) => <BoardPage key={boardId} boardId={boardId} />,
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
