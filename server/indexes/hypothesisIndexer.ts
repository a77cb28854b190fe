import { checkinStanding } from '../../shared/checkins/checkin.js'
import { lastCheckin, readCadence } from '../../shared/checkins/checkinDoc.js'
import * as Y from 'yjs'
import { isHypothesisMap } from '../../shared/canvases/hypothesis/content.js'
import { hypothesisSentence } from '../../shared/canvases/hypothesis/summary.js'
import { computeVerdict, type MeasurementPoint } from '../../shared/canvases/hypothesis/verdict.js'
import { standingVerdict } from '../../shared/canvases/hypothesis/standing.js'
import { getBoardCanvases, readCanvas, type CanvasMap } from '../../shared/doc/canvasDoc.js'
import {
  readLatestMeasurements,
  readTrackingSummary,
} from '../../shared/canvases/hypothesis/trackingDoc.js'
import type { MeasurementCache } from '../hypotheses/measurementCache.js'
import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import type { HypothesisIndexRow, Persistence, ProjectIndexRow } from '../persistence/types.js'
import type { RoomHooks } from '../sync/Room.js'
import { projectRows } from './projectRows.js'

/** The index rows of every hypothesis canvas in a board document. */
export function hypothesisRows(
  boardId: string,
  doc: Y.Doc,
  now: number,
  latest: (canvas: CanvasMap) => MeasurementPoint[] = readLatestMeasurements,
): HypothesisIndexRow[] {
  const rows: HypothesisIndexRow[] = []
  for (const [canvasId, map] of getBoardCanvases(doc).entries()) {
    // Any client may have written anything here: skip what is not a hypothesis canvas map.
    if (!(map instanceof Y.Map) || !isHypothesisMap(map)) continue
    const content = readCanvas(canvasId, map)
    if (!content) continue
    const tracking = readTrackingSummary(map, latest)
    const metrics = content.metrics ?? []
    const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString())
    const closed =
      tracking.status === 'evaluated' || tracking.status === 'decided'
        ? standingVerdict(metrics, tracking.latest, tracking, now).verdict
        : null
    rows.push({
      boardId,
      canvasId,
      title: content.title,
      sentence: hypothesisSentence(content.fields),
      status: tracking.status,
      metricsJson: JSON.stringify(metrics),
      latestJson: JSON.stringify(
        Object.fromEntries(tracking.latest.map((m) => [m.metric, { value: m.value, at: m.at }])),
      ),
      timeboxStart: iso(tracking.timebox.start),
      timeboxEnd: iso(tracking.timebox.end),
      // The whole record (with its date and the verdict it was made on) as JSON.
      decision: tracking.decision ? JSON.stringify(tracking.decision) : null,
      updatedAt: now,
      // The verdict changes with the time only when the time box ends: keep it both ways. An
      // evaluated or decided hypothesis keeps the verdict it was judged (or decided) on.
      ...(closed
        ? { verdictOpen: closed, verdictEnded: closed }
        : {
            verdictOpen: computeVerdict(metrics, tracking.latest, null, now).verdict,
            verdictEnded: computeVerdict(metrics, tracking.latest, tracking.timebox.end, Infinity)
              .verdict,
          }),
      // Last, as the stores read it back: an unchanged row compares equal (`sameContent`).
      checkinDueAt: checkinDueAt(map, tracking.status, tracking.timebox.start),
    })
  }
  return rows
}

/** When a running hypothesis is due its next check-in: a cadence after the start or the last one. */
function checkinDueAt(map: CanvasMap, status: string, start: string | null): string | null {
  const since = lastCheckin(map)?.at ?? start
  if (status !== 'running' || since === null) return null
  return checkinStanding(since, readCadence(map), 0).dueAt
}

const sameContent = (a: HypothesisIndexRow, b: HypothesisIndexRow) =>
  JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 })

/** What one pass writes for a board: its hypotheses (the tracker) and projects (the portfolio). */
interface BoardRows {
  hypotheses: HypothesisIndexRow[]
  projects: ProjectIndexRow[]
}

/**
 * Keeps the tracker and portfolio indexes current: re-indexes a board shortly after its canvases change (a
 * burst of keystrokes is one pass), when it loads (repairing an index a crash left behind)
 * and before it unloads. A row keeps its `updatedAt` unless its own content changed.
 */
export function createHypothesisIndexer(deps: {
  persistence: Persistence
  now: () => number
  log: Logger
  debounceMs: number
  measurements: MeasurementCache
}) {
  const latest = (canvas: CanvasMap) => deps.measurements.of(canvas).latest()
  const pending = new Map<string, { timer: NodeJS.Timeout; doc: Y.Doc }>()

  // Rows the store refused, written again once it accepts writes (the newest rows win).
  const retries = new Map<string, { timer: NodeJS.Timeout; attempt: number }>()
  const write = async (boardId: string, rows: BoardRows) => {
    await deps.persistence.replaceBoardHypotheses(boardId, rows.hypotheses)
    await deps.persistence.replaceBoardProjects(boardId, rows.projects)
  }
  const retryLater = (boardId: string, rows: BoardRows, attempt: number) => {
    const previous = retries.get(boardId)
    if (previous) clearTimeout(previous.timer)
    const timer = setTimeout(
      () => {
        retries.delete(boardId)
        void Promise.resolve()
          .then(() => write(boardId, rows))
          .catch((error: unknown) => {
            if (error instanceof StorageUnavailableError) retryLater(boardId, rows, attempt + 1)
            else deps.log.error('index.hypotheses_failed', { boardId, error: String(error) })
          })
      },
      Math.min(30_000, 1000 * 2 ** attempt),
    )
    timer.unref()
    retries.set(boardId, { timer, attempt })
  }

  // Passes under way, so that closing waits for them: with a store across the network the
  // pass a room's unload starts is still writing when the server stops.
  const running = new Set<Promise<void>>()
  const indexNow = (boardId: string, doc: Y.Doc): Promise<void> => {
    const pass = indexPass(boardId, doc)
    running.add(pass)
    void pass.finally(() => running.delete(pass))
    return pass
  }

  const indexPass = async (boardId: string, doc: Y.Doc) => {
    const entry = pending.get(boardId)
    if (entry) clearTimeout(entry.timer)
    pending.delete(boardId)
    let rows: BoardRows | undefined
    try {
      // Read the document first, synchronously: on unload it is freed right after this call.
      const fresh = hypothesisRows(boardId, doc, deps.now(), latest)
      const projects = projectRows(boardId, doc)
      const previous = new Map(
        (await deps.persistence.queryHypotheses({ boardIds: [boardId] })).map(
          ({ boardTitle: _, ...row }) => [row.canvasId, row],
        ),
      )
      const hypotheses = fresh.map((row) => {
        const before = previous.get(row.canvasId)
        return before && sameContent(before, row) ? { ...row, updatedAt: before.updatedAt } : row
      })
      rows = { hypotheses, projects }
      const pendingRetry = retries.get(boardId)
      if (pendingRetry) clearTimeout(pendingRetry.timer)
      retries.delete(boardId)
      await write(boardId, rows)
    } catch (error) {
      // A refused write was logged once for its episode; the rows are written when it ends.
      if (error instanceof StorageUnavailableError && rows) retryLater(boardId, rows, 0)
      else deps.log.error('index.hypotheses_failed', { boardId, error: String(error) })
    }
  }

  const schedule = (boardId: string, doc: Y.Doc) => {
    if (pending.has(boardId)) return
    const timer = setTimeout(() => void indexNow(boardId, doc), deps.debounceMs)
    timer.unref()
    pending.set(boardId, { timer, doc })
  }

  const hooks: RoomHooks = {
    onLoad(boardId, doc) {
      // Only changes to the canvases can change the index: moving shapes around, presence and
      // the like never trigger a pass.
      getBoardCanvases(doc).observeDeep(() => schedule(boardId, doc))
      void indexNow(boardId, doc)
    },
    onUnload: (boardId, doc) => void indexNow(boardId, doc),
  }
  return {
    hooks,
    /** Indexes a board at once (used after API writes that callers read back immediately). */
    indexNow,
    /** Waits for the passes under way (the last ones of unloaded rooms, say). */
    async settled() {
      await Promise.all(running)
    },
    /** Stops the timers and waits for the passes under way (the last ones of unloaded rooms). */
    async close() {
      for (const { timer } of pending.values()) clearTimeout(timer)
      pending.clear()
      for (const { timer } of retries.values()) clearTimeout(timer)
      retries.clear()
      await Promise.all(running)
    },
  }
}
