import { useEffect, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import type { Version } from '../../../shared/api/versions'
import { useHistoryUi, type Comparison } from '../../state/historyUi'
import { listVersions } from '../../api/versions'
import { marksOf, useDiffMarks } from './diffMarks'
import { DiffPanel } from './DiffPanel'
import { CompareParam, parseCompareParam } from './diffSummary'
import { useBoardDiff } from './useBoardDiff'
import './diff.css'

interface DiffLayerProps {
  boardId: string
  editor: Editor
  doc: Y.Doc
}

/**
 * What a comparison shows over the board: the highlights (through the marks store the board's
 * overlay and canvases read) and the panel in words. The comparison lives in the address too,
 * so a link opens it.
 */
export function DiffLayer({ boardId, editor, doc }: DiffLayerProps) {
  const comparison = useHistoryUi((s) => s.comparison)
  const compare = useHistoryUi((s) => s.compare)
  useCompareInAddress()
  const state = useBoardDiff(boardId, doc, comparison)
  const setMarks = useDiffMarks((s) => s.setMarks)
  const marks = useMemo(
    () => (state?.status === 'ready' ? marksOf(state.diff, state.canvasBefore) : null),
    [state],
  )
  useEffect(() => setMarks(marks), [marks, setMarks])
  useEffect(() => () => setMarks(null), [setMarks])
  useNewerVersionShown()
  const versions = useVersionList(boardId, comparison !== null)
  if (!comparison) return null
  return (
    <DiffPanel
      boardId={boardId}
      editor={editor}
      comparison={comparison}
      state={state}
      versions={versions}
      onCompare={compare}
      onClose={() => compare(null)}
    />
  )
}

/**
 * Between two versions, the newer is shown read-only with the marks on it; with now, the live
 * board is. The version shown follows the chooser, and goes when the comparison closes.
 */
function useNewerVersionShown() {
  useEffect(() => {
    const show = (comparison: Comparison | null, before: Comparison | null) => {
      const ui = useHistoryUi.getState()
      if (comparison && comparison.to !== 'now') {
        if (ui.viewing !== comparison.to) ui.view(comparison.to)
      } else if (before && before.to !== 'now' && ui.viewing === before.to) ui.view(null)
    }
    show(useHistoryUi.getState().comparison, null)
    return useHistoryUi.subscribe((s, before) => {
      if (s.comparison !== before.comparison) show(s.comparison, before.comparison)
    })
  }, [])
}

/** The board's versions while a comparison is open, for its chooser. */
function useVersionList(boardId: string, open: boolean): Version[] | null {
  const [versions, setVersions] = useState<Version[] | null>(null)
  useEffect(() => {
    if (!open) return
    const abort = new AbortController()
    listVersions(boardId, abort.signal).then(setVersions, () => {
      // The chooser still offers the two versions compared.
    })
    return () => abort.abort()
  }, [boardId, open])
  return versions
}

/** Opens the comparison the address names, and keeps the address naming the one shown. */
function useCompareInAddress() {
  useEffect(() => {
    const named = parseCompareParam(new URL(window.location.href).searchParams.get(CompareParam))
    if (named) useHistoryUi.getState().compare(named)
    const write = (comparison: { from: string; to: string } | null) => {
      const url = new URL(window.location.href)
      const value = comparison ? `${comparison.from}..${comparison.to}` : null
      if (url.searchParams.get(CompareParam) === value) return
      if (value) url.searchParams.set(CompareParam, value)
      else url.searchParams.delete(CompareParam)
      window.history.replaceState(
        window.history.state,
        '',
        `${url.pathname}${url.search}${url.hash}`,
      )
    }
    write(useHistoryUi.getState().comparison)
    const stop = useHistoryUi.subscribe((s, before) => {
      if (s.comparison !== before.comparison) write(s.comparison)
    })
    return () => {
      stop()
      write(null)
    }
  }, [])
}
