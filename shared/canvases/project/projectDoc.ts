import * as Y from 'yjs'
import type { CanvasMap } from '../../doc/canvasMap.js'
import { Stages, type Stage } from './stages.js'
import {
  GateRecordSchema,
  HypothesisLinkSchema,
  ProjectEndSchema,
  StageDatesSchema,
  StageMoveSchema,
  emptyProjectTracking,
  linkKey,
  type GateRecord,
  type HypothesisLink,
  type ProjectEnd,
  type ProjectTracking,
  type StageDates,
  type StageMove,
} from './tracking.js'
import { GateIds } from './stages.js'
import { readCheckinTracking, writeCheckinTracking } from '../../checkins/checkinDoc.js'

/**
 * Layout of what a project canvas tracks, beside its fields and boxes (see canvasDoc.ts):
 *   stage: string
 *   stageMoves: Y.Array<StageMove>            (append-only, plain JSON)
 *   gates:      Y.Map<"stage/question", GateRecord>   (one answer per question, last writer wins)
 *   stageDates: Y.Map<stage, StageDates>
 *   links:      Y.Map<"boardId/hypothesisId", HypothesisLink>  (adding one twice keeps one)
 *   end:        ProjectEnd | null
 */
const Keys = {
  stage: 'stage',
  moves: 'stageMoves',
  gates: 'gates',
  dates: 'stageDates',
  links: 'links',
  end: 'end',
} as const

function childMap(canvas: CanvasMap, key: string): Y.Map<unknown> {
  const value = canvas.get(key)
  if (value instanceof Y.Map) return value
  const map = new Y.Map<unknown>()
  canvas.set(key, map)
  return map
}

function childArray(canvas: CanvasMap, key: string): Y.Array<unknown> {
  const value = canvas.get(key)
  if (value instanceof Y.Array) return value
  const array = new Y.Array<unknown>()
  canvas.set(key, array)
  return array
}

const entriesOf = (value: unknown): [string, unknown][] =>
  value instanceof Y.Map ? [...value.entries()] : []

/** The stage alone, cheaper than reading everything. */
export function readStage(canvas: CanvasMap): Stage {
  const stage = canvas.get(Keys.stage)
  return Stages.includes(stage as Stage) ? (stage as Stage) : 'ideation'
}

/** Reads what a project tracks, validating what others wrote: what does not parse is left out. */
export function readProjectTracking(canvas: CanvasMap): ProjectTracking {
  const moves = canvas.get(Keys.moves)
  const gates: Record<string, GateRecord> = {}
  for (const [id, value] of entriesOf(canvas.get(Keys.gates))) {
    const record = GateRecordSchema.safeParse(value).data
    if (record && GateIds.includes(id)) gates[id] = record
  }
  const dates: Partial<Record<Stage, StageDates>> = {}
  for (const [stage, value] of entriesOf(canvas.get(Keys.dates))) {
    const parsed = StageDatesSchema.safeParse(value).data
    if (parsed && Stages.includes(stage as Stage)) dates[stage as Stage] = parsed
  }
  const links = entriesOf(canvas.get(Keys.links))
    .map(([, value]) => HypothesisLinkSchema.safeParse(value).data)
    .filter((l): l is HypothesisLink => l !== undefined)
    .sort((a, b) => (linkKey(a) < linkKey(b) ? -1 : 1))
  return {
    ...emptyProjectTracking(),
    stage: readStage(canvas),
    moves:
      moves instanceof Y.Array
        ? moves
            .toArray()
            .map((m) => StageMoveSchema.safeParse(m).data)
            .filter((m): m is StageMove => m !== undefined)
        : [],
    gates,
    dates,
    links,
    end: ProjectEndSchema.safeParse(canvas.get(Keys.end)).data ?? null,
    ...readCheckinTracking(canvas),
  }
}

/** Records a move: the stage, the move itself and the dates that follow (`withMove`). */
export function writeMove(canvas: CanvasMap, next: ProjectTracking, move: StageMove) {
  canvas.set(Keys.stage, move.to)
  childArray(canvas, Keys.moves).push([move])
  for (const stage of [move.from, move.to]) setStageDates(canvas, stage, next.dates[stage]!)
}

/** Records the end of a project and the end date of the stage it ended in. */
export function writeEnd(canvas: CanvasMap, next: ProjectTracking, end: ProjectEnd) {
  canvas.set(Keys.end, end)
  setStageDates(canvas, end.stage, next.dates[end.stage]!)
}

export const setGate = (canvas: CanvasMap, id: string, record: GateRecord) =>
  childMap(canvas, Keys.gates).set(id, record)

export const setStageDates = (canvas: CanvasMap, stage: Stage, dates: StageDates) =>
  childMap(canvas, Keys.dates).set(stage, dates)

export const addLink = (canvas: CanvasMap, link: HypothesisLink) =>
  childMap(canvas, Keys.links).set(linkKey(link), { ...link })

export const removeLink = (canvas: CanvasMap, link: HypothesisLink) =>
  childMap(canvas, Keys.links).delete(linkKey(link))

/** Writes a whole tracked state (used by import) into a new canvas. */
export function writeProjectTracking(canvas: CanvasMap, tracking: ProjectTracking) {
  canvas.set(Keys.stage, tracking.stage)
  if (tracking.moves.length > 0) childArray(canvas, Keys.moves).push([...tracking.moves])
  for (const [id, record] of Object.entries(tracking.gates)) setGate(canvas, id, record)
  for (const stage of Stages) {
    const dates = tracking.dates[stage]
    if (dates) setStageDates(canvas, stage, dates)
  }
  for (const link of tracking.links) addLink(canvas, link)
  canvas.set(Keys.end, tracking.end)
  writeCheckinTracking(canvas, tracking)
}
