import { useCallback, useEffect, useRef, useState } from 'react'
import type { TrackerRow } from '../../shared/api/hypotheses'
import { listBoards } from '../api/boards'
import { ApiError } from '../api/client'
import { listTrackedHypotheses } from '../api/hypotheses'
import {
  hasFilters,
  parseTrackerFilters,
  trackerQuery,
  trackerSearch,
  type TrackerFilters,
} from './trackerFilters'

/** More rows than anyone reads in a table; past it the page asks to narrow the filters. */
export const TrackerRowLimit = 500

/** Measurements arrive from pipelines at any time: poll while the page is visible. */
export const TrackerRefreshMs = 20_000

/** One answer of the server, and the filters it answers. */
export interface TrackerData {
  /** The page query string of the filters this data was read for. */
  key: string
  rows: TrackerRow[]
  /** Matches before the row limit. */
  total: number
  /** Hypotheses on all boards, whatever the filters: tells "none yet" from "none match". */
  everything: number
  /** Boards to filter by: id and title. */
  boards: { id: string; title: string }[]
}

export interface TrackerState {
  data: TrackerData | null
  /** Why the last read failed, until one succeeds. */
  error: string | null
  /** A read is on its way. */
  loading: boolean
}

async function read(filters: TrackerFilters, signal: AbortSignal): Promise<TrackerData> {
  const [result, all, boards] = await Promise.all([
    listTrackedHypotheses(trackerQuery(filters, TrackerRowLimit), signal),
    hasFilters(filters)
      ? listTrackedHypotheses({ limit: 1 }, signal).then((r) => r.total)
      : Promise.resolve(null),
    listBoards(signal).then((lists) => lists.boards),
  ])
  const titles = new Map(boards.map((board) => [board.id, board.title]))
  // A board named in a shared link may have been deleted since; keep it selectable.
  for (const row of result.hypotheses)
    if (!titles.has(row.boardId)) titles.set(row.boardId, row.boardTitle)
  return {
    key: trackerSearch(filters),
    rows: result.hypotheses,
    total: result.total,
    everything: all ?? result.total,
    boards: [...titles].map(([id, title]) => ({ id, title })),
  }
}

/**
 * The tracker rows for the filters, read again when the filters change, when the window
 * regains focus and every `refreshMs` while the page is visible. Earlier rows stay on screen
 * during a read, so a refresh never flashes the table.
 */
export function useTracker(filters: TrackerFilters, refreshMs = TrackerRefreshMs) {
  const [state, setState] = useState<TrackerState>({ data: null, error: null, loading: true })
  // The query string stands for the filters: equal filters give the same callback and effects.
  const key = trackerSearch(filters)
  const pending = useRef<AbortController | null>(null)

  const refresh = useCallback(async () => {
    pending.current?.abort()
    const controller = new AbortController()
    pending.current = controller
    setState((previous) => ({ ...previous, loading: true }))
    try {
      const data = await read(parseTrackerFilters(key), controller.signal)
      if (controller.signal.aborted) return
      setState({ data, error: null, loading: false })
    } catch (error) {
      if (controller.signal.aborted) return
      const message = error instanceof ApiError ? error.message : 'Could not load the hypotheses.'
      setState((previous) => ({ ...previous, error: message, loading: false }))
    }
  }, [key])

  useEffect(() => {
    void refresh()
    return () => pending.current?.abort()
  }, [refresh])

  useEffect(() => {
    const whenVisible = () => {
      if (document.visibilityState === 'visible') void refresh()
    }
    const timer = setInterval(whenVisible, refreshMs)
    window.addEventListener('focus', whenVisible)
    document.addEventListener('visibilitychange', whenVisible)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', whenVisible)
      document.removeEventListener('visibilitychange', whenVisible)
    }
  }, [refresh, refreshMs])

  return { ...state, key, refresh }
}
