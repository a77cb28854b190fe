import * as Y from 'yjs'
import { isHypothesisMap } from '../../shared/canvases/hypothesis/content.js'
import { MeasurementSchema } from '../../shared/canvases/hypothesis/tracking.js'
import {
  getMeasurementsArray,
  readTrackingSummary,
} from '../../shared/canvases/hypothesis/trackingDoc.js'
import { computeVerdict, type Verdict } from '../../shared/canvases/hypothesis/verdict.js'
import { readCanvas } from '../../shared/doc/canvasDoc.js'
import { getBoardCanvases, type CanvasMap } from '../../shared/doc/canvasMap.js'
import type { MeasurementCache } from '../hypotheses/measurementCache.js'
import type { RoomHooks } from '../sync/Room.js'
import type { WebhookEvents } from './webhookEvents.js'

/** What a hypothesis looked like when last seen: enough to tell what changed. */
interface Seen {
  measured: number
  decisionAt: string | null
  verdict: Verdict
}

/** A measurement event lists at most this many of the measurements it is about. */
const MaxListed = 100

/**
 * Notices, on every instance that has a board open, what happens to its hypotheses however it
 * was made (the API, a person on the board): measurements recorded, a verdict that changes, a
 * decision. It compares each changed hypothesis with how it last saw it once the change is
 * stored, and queues the events; an event noticed by two instances has the same key, so it is
 * queued once. A hypothesis that appears (pasted, restored) is only looked at, not announced.
 */
export function hypothesisWebhookHooks(deps: {
  events: WebhookEvents
  measurements: MeasurementCache
  now: () => number
}): RoomHooks {
  const boards = new Map<string, { seen: Map<string, Seen>; touched: Set<string> }>()

  const look = (canvasId: string, map: CanvasMap) => {
    if (!(map instanceof Y.Map) || !isHypothesisMap(map)) return undefined
    const content = readCanvas(canvasId, map)
    if (!content) return undefined
    const tracking = readTrackingSummary(map, (c) => deps.measurements.of(c).latest())
    const verdict = computeVerdict(
      content.metrics ?? [],
      tracking.latest,
      tracking.timebox.end,
      deps.now(),
    )
    const seen: Seen = {
      measured: getMeasurementsArray(map)?.length ?? 0,
      decisionAt: tracking.decision?.at ?? null,
      verdict: verdict.verdict,
    }
    return { seen, content, tracking, verdict }
  }

  const compare = (boardId: string, canvasId: string, map: CanvasMap, before: Seen) => {
    const now = look(canvasId, map)
    if (!now) return undefined
    const hypothesis = { id: canvasId, title: now.content.title }
    if (now.seen.measured > before.measured) {
      const added = (getMeasurementsArray(map)?.slice(before.measured, now.seen.measured) ?? [])
        .map((m) => MeasurementSchema.safeParse(m).data)
        .filter((m) => m !== undefined)
      if (added.length > 0) {
        void deps.events.emit(
          boardId,
          'measurement.recorded',
          {
            hypothesis,
            count: added.length,
            measurements: added.slice(0, MaxListed).map(({ recordedAt: _, ...m }) => m),
          },
          { key: `${canvasId}:${added[0]!.id}` },
        )
      }
    }
    if (now.seen.verdict !== before.verdict) {
      void deps.events.emit(
        boardId,
        'verdict.changed',
        {
          hypothesis,
          from: before.verdict,
          to: now.verdict.verdict,
          reason: now.verdict.reason,
          metrics: now.verdict.metrics,
        },
        { key: `${canvasId}:${now.seen.measured}:${before.verdict}:${now.seen.verdict}` },
      )
    }
    const decision = now.tracking.decision
    if (decision && decision.at !== before.decisionAt) {
      void deps.events.emit(
        boardId,
        'decision.recorded',
        { hypothesis, ...decision },
        { key: `${canvasId}:${decision.at}` },
      )
    }
    return now.seen
  }

  return {
    onLoad(boardId, doc) {
      const canvases = getBoardCanvases(doc)
      const state = { seen: new Map<string, Seen>(), touched: new Set<string>() }
      for (const [id, map] of canvases.entries()) {
        const found = look(id, map)
        if (found) state.seen.set(id, found.seen)
      }
      // Which canvases a transaction touched; looked at once it is stored (onChange).
      canvases.observeDeep((events) => {
        for (const event of events) {
          // Typing in a title, field or box changes none of what the events are about.
          if (event.target instanceof Y.Text) continue
          const id = event.path[0]
          if (typeof id === 'string') state.touched.add(id)
          else if (event instanceof Y.YMapEvent) {
            for (const key of event.keysChanged) state.touched.add(key)
          }
        }
      })
      boards.set(boardId, state)
    },
    onChange(boardId, doc) {
      const state = boards.get(boardId)
      if (!state || state.touched.size === 0) return
      const canvases = getBoardCanvases(doc)
      for (const id of state.touched) {
        const map = canvases.get(id)
        const before = state.seen.get(id)
        const seen = !map
          ? undefined
          : before
            ? compare(boardId, id, map, before)
            : look(id, map)?.seen
        if (seen) state.seen.set(id, seen)
        else state.seen.delete(id)
      }
      state.touched.clear()
    },
    onUnload(boardId) {
      boards.delete(boardId)
    },
  }
}
