import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { canvasRecordId, decodeRecord, getTldrawRecords } from '../../../shared/doc/layout'
import {
  diffBoards,
  diffSideOf,
  pageTransform,
  type BoardDiff,
  type ShapeSide,
} from '../../../shared/history/boardDiff'
import { ApiError } from '../../api/client'
import type { Comparison } from '../../state/historyUi'
import { throttle } from '../../sync/throttle'
import { versionDocument } from '../../api/versions'

export type BoardDiffState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; diff: BoardDiff; canvasBefore: (canvasId: string) => ShapeSide | null }

/** How often a comparison with now follows the live board. */
const FollowIntervalMs = 400

const messageOf = (error: unknown) =>
  error instanceof ApiError && error.code === 'not_found'
    ? 'This version is no longer on the board’s history.'
    : error instanceof Error
      ? error.message
      : 'The versions could not be read.'

/** Where a canvas's card was in a document, to draw it after it was removed. */
function canvasSide(doc: Y.Doc) {
  const records = new Map<string, Record<string, unknown>>()
  getTldrawRecords(doc).forEach((value, id) => {
    const r = decodeRecord(value)
    if (r !== null && typeof r === 'object') records.set(id, r as Record<string, unknown>)
  })
  return (canvasId: string): ShapeSide | null => {
    const record = records.get(canvasRecordId(canvasId))
    return record ? { record, page: pageTransform(records, record) } : null
  }
}

/**
 * The diff of a comparison, computed here from the versions' documents; compared with now, it
 * follows the live board as it changes.
 */
export function useBoardDiff(
  boardId: string,
  live: Y.Doc,
  comparison: Comparison | null,
): BoardDiffState | null {
  const [state, setState] = useState<BoardDiffState | null>(null)
  const from = comparison?.from
  const to = comparison?.to
  useEffect(() => {
    if (!from || !to) {
      setState(null)
      return
    }
    setState({ status: 'loading' })
    const abort = new AbortController()
    const docs: Y.Doc[] = []
    const open = async (versionId: string) => {
      const doc = new Y.Doc()
      docs.push(doc)
      Y.applyUpdate(doc, await versionDocument(boardId, versionId, abort.signal))
      return doc
    }
    let stop = () => {}
    void Promise.all([open(from), to === 'now' ? live : open(to)])
      .then(([before, after]) => {
        if (abort.signal.aborted) return
        const side = diffSideOf(before)
        const canvasBefore = canvasSide(before)
        const compute = () =>
          setState({ status: 'ready', diff: diffBoards(side, diffSideOf(after)), canvasBefore })
        compute()
        if (after !== live) return
        const follow = throttle(compute, FollowIntervalMs)
        live.on('update', follow)
        stop = () => {
          live.off('update', follow)
          follow.cancel()
        }
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: messageOf(error) })
      })
    return () => {
      abort.abort()
      stop()
      for (const doc of docs) doc.destroy()
    }
  }, [boardId, live, from, to])
  return state
}
