import type { CanvasMap } from '../doc/canvasMap.js'
import { getBoardCanvases } from '../doc/canvasMap.js'
import { readCanvas } from '../doc/canvasDoc.js'
import { newId, type CanvasContent } from '../canvases/schema.js'
import { hypothesisCanvas } from '../canvases/hypothesis/definition.js'
import { readAssumptions } from '../canvases/hypothesis/assumptionDoc.js'
import { standingVerdict } from '../canvases/hypothesis/standing.js'
import { readTracking } from '../canvases/hypothesis/trackingDoc.js'
import { projectCanvas } from '../canvases/project/definition.js'
import { readProjectTracking } from '../canvases/project/projectDoc.js'
import { linkKey, projectCheckinDueAt } from '../canvases/project/tracking.js'
import {
  checkinStanding,
  standingOfDue,
  MaxCheckins,
  MaxSinceLines,
  type Checkin,
  type CheckinInput,
  type CheckinStanding,
  CheckinInputSchema,
} from './checkin.js'
import { appendCheckins, readCadence, readCheckins } from './checkinDoc.js'
import { hypothesisSinceLines, projectSinceLines } from './sinceLines.js'
import { hypothesisUpdate, projectUpdate } from './stakeholderUpdate.js'

/** The kinds a team checks in on. */
export const CheckinKinds: readonly CanvasContent['kind'][] = [
  hypothesisCanvas.kind,
  projectCanvas.kind,
]

/** Where a canvas's check-ins stand now, and what the next one would list automatically. */
export interface CheckinState {
  checkins: Checkin[]
  cadenceDays: number
  /** When the next one is due; null when none is (not running, ended, or never started). */
  standing: CheckinStanding | null
  /** Why no check-in can be recorded now, or null. */
  refusal: string | null
  /** What happened since the last check-in, listed automatically. */
  since: string[]
}

const iso = (t: number) => new Date(t).toISOString()

/** The check-in state of a hypothesis or a project; null for a kind without check-ins. */
export function readCheckinState(
  content: CanvasContent,
  canvas: CanvasMap,
  now: number,
): CheckinState | null {
  const checkins = readCheckins(canvas)
  const last = checkins.at(-1) ?? null
  const cadenceDays = readCadence(canvas)
  const base = { checkins, cadenceDays }
  if (content.kind === hypothesisCanvas.kind) {
    const tracking = readTracking(canvas)
    const running = tracking.status === 'running'
    const anchor = last?.at ?? tracking.timebox.start
    return {
      ...base,
      standing: running && anchor ? checkinStanding(anchor, cadenceDays, now) : null,
      refusal: running
        ? null
        : `This hypothesis is ${tracking.status}: check-ins are for a running hypothesis`,
      since: hypothesisSinceLines(content.metrics ?? [], tracking.measurements, last?.at ?? null),
    }
  }
  if (content.kind === projectCanvas.kind) {
    const tracking = readProjectTracking(canvas)
    const dueAt = projectCheckinDueAt({ ...tracking, checkins, checkinCadence: cadenceDays })
    return {
      ...base,
      standing: dueAt ? standingOfDue(dueAt, now) : null,
      refusal: tracking.end
        ? `This project has ${tracking.end.outcome}: an ended project has no check-ins`
        : null,
      since: projectSinceLines(tracking, last),
    }
  }
  return null
}

export type PlannedCheckin =
  | { ok: true; checkin: Checkin; write: () => void }
  | { ok: false; message: string; status: 'conflict' | 'not_found' }

/**
 * A check-in on a canvas, checked before anything is written: refused for another kind, a
 * hypothesis that is not running, an ended project or a canvas at its limit. `write` must run
 * inside the caller's transaction.
 */
export function planCheckin(
  content: CanvasContent,
  canvas: CanvasMap,
  input: CheckinInput,
  by: string,
  now: number,
): PlannedCheckin {
  const state = readCheckinState(content, canvas, now)
  if (!state) return { ok: false, status: 'not_found', message: 'This canvas has no check-ins' }
  if (state.refusal) return { ok: false, status: 'conflict', message: state.refusal }
  if (state.checkins.length >= MaxCheckins) {
    return {
      ok: false,
      status: 'conflict',
      message: `A canvas keeps at most ${MaxCheckins} check-ins`,
    }
  }
  const given = CheckinInputSchema.parse(input)
  const checkin: Checkin = {
    id: newId(),
    at: iso(now),
    by: given.by ?? by,
    happened: given.happened.trim(),
    likelihood: given.likelihood,
    momentum: given.momentum,
    next: given.next.trim(),
    since: state.since.slice(0, MaxSinceLines).map((l) => l.slice(0, 500)),
    ...(content.kind === projectCanvas.kind
      ? { linked: readProjectTracking(canvas).links.map(linkKey) }
      : {}),
  }
  return { ok: true, checkin, write: () => appendCheckins(canvas, [checkin]) }
}

/** The stakeholder update of a hypothesis or a project, as markdown; null for another kind. */
export function stakeholderUpdate(
  content: CanvasContent,
  canvas: CanvasMap,
  now: number,
): string | null {
  const state = readCheckinState(content, canvas, now)
  if (!state) return null
  if (content.kind === hypothesisCanvas.kind) {
    const tracking = readTracking(canvas)
    const metrics = content.metrics ?? []
    return hypothesisUpdate(
      {
        title: content.title,
        status: tracking.status,
        verdict: standingVerdict(metrics, tracking.measurements, tracking, now),
        metrics,
        measurements: tracking.measurements,
        lessons: tracking.lessons,
        assumptions: readAssumptions(canvas),
        checkins: state.checkins,
        standing: state.standing,
      },
      now,
    )
  }
  const tracking = readProjectTracking(canvas)
  const board = canvas.doc ? getBoardCanvases(canvas.doc) : null
  // Only the hypotheses on this board are read: another board is not open here.
  const hypotheses = tracking.links.flatMap((link) => {
    const map = board?.get(link.hypothesisId)
    const linked = map ? readCanvas(link.hypothesisId, map) : undefined
    if (!map || !linked || linked.kind !== hypothesisCanvas.kind) return []
    const t = readTracking(map)
    const metrics = linked.metrics ?? []
    const verdict = standingVerdict(metrics, t.measurements, t, now).verdict
    return [{ title: linked.title, verdict, metrics, measurements: t.measurements }]
  })
  return projectUpdate(
    {
      title: content.title,
      owner: content.fields.owner ?? '',
      tracking,
      checkins: state.checkins,
      standing: state.standing,
      hypotheses,
    },
    now,
  )
}
