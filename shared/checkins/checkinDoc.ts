import * as Y from 'yjs'
import type { CanvasMap } from '../doc/canvasMap.js'
import { CadenceDaysSchema, CheckinSchema, DefaultCadenceDays, type Checkin } from './checkin.js'

/**
 * Layout of a canvas's check-ins, beside what its kind tracks (hypotheses and projects):
 *   checkins:       Y.Array<Checkin>   (append-only, plain JSON, in the order they were recorded)
 *   checkinCadence: number             (days; absent means the default, 7)
 * A board written before check-ins existed has neither key and reads as none, weekly.
 */
const Keys = { checkins: 'checkins', cadence: 'checkinCadence' } as const

/** The check-ins of a canvas, validating what others wrote: what does not parse is left out. */
export function readCheckins(canvas: CanvasMap): Checkin[] {
  const value = canvas.get(Keys.checkins)
  if (!(value instanceof Y.Array)) return []
  return value
    .toArray()
    .map((c) => CheckinSchema.safeParse(c).data)
    .filter((c): c is Checkin => c !== undefined)
}

/** The last check-in recorded, or null. */
export const lastCheckin = (canvas: CanvasMap): Checkin | null =>
  readCheckins(canvas).at(-1) ?? null

/** How many days between check-ins. */
export const readCadence = (canvas: CanvasMap): number =>
  CadenceDaysSchema.safeParse(canvas.get(Keys.cadence)).data ?? DefaultCadenceDays

export const setCadence = (canvas: CanvasMap, days: number) => canvas.set(Keys.cadence, days)

/** Appends check-ins (one recorded, or the ones an import restores). */
export function appendCheckins(canvas: CanvasMap, checkins: readonly Checkin[]) {
  if (checkins.length === 0) return
  let array = canvas.get(Keys.checkins)
  if (!(array instanceof Y.Array)) {
    array = new Y.Array<unknown>()
    canvas.set(Keys.checkins, array)
  }
  ;(array as Y.Array<unknown>).push(checkins.map((c) => ({ ...c })))
}

/** What a canvas tracks of its check-ins, for its kind's tracking (absent parts left out). */
export function readCheckinTracking(canvas: CanvasMap): {
  checkins?: Checkin[]
  checkinCadence?: number
} {
  const cadence = CadenceDaysSchema.safeParse(canvas.get(Keys.cadence)).data
  return {
    ...(canvas.get(Keys.checkins) instanceof Y.Array ? { checkins: readCheckins(canvas) } : {}),
    ...(cadence === undefined ? {} : { checkinCadence: cadence }),
  }
}

/** Writes the check-ins of a tracked state (an import) into a new canvas. */
export function writeCheckinTracking(
  canvas: CanvasMap,
  tracking: { checkins?: readonly Checkin[]; checkinCadence?: number },
) {
  if (tracking.checkins) appendCheckins(canvas, tracking.checkins)
  if (tracking.checkinCadence !== undefined) setCadence(canvas, tracking.checkinCadence)
}
