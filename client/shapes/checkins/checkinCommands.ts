import type * as Y from 'yjs'
import type { CheckinInput } from '../../../shared/checkins/checkin'
import { setCadence } from '../../../shared/checkins/checkinDoc'
import { planCheckin } from '../../../shared/checkins/checkinSubject'
import { readCanvas } from '../../../shared/doc/canvasDoc'
import { getBoardCanvases } from '../../../shared/doc/canvasMap'
import { LocalRecordOrigin } from '../../../shared/doc/recordOrigin'

export type CheckinOutcome = { ok: true } | { ok: false; message: string }

/**
 * Records a check-in under the rules the API applies (shared/checkins/checkinSubject.ts), in one
 * local transaction as a record (canvas undo never takes it back).
 */
export function recordCheckin(
  doc: Y.Doc,
  canvasId: string,
  input: CheckinInput,
  by: string,
): CheckinOutcome {
  const map = getBoardCanvases(doc).get(canvasId)
  const content = map ? readCanvas(canvasId, map) : undefined
  if (!map || !content) return { ok: false, message: 'This canvas is no longer on the board' }
  const plan = planCheckin(content, map, input, by || 'Someone', Date.now())
  if (!plan.ok) return plan
  doc.transact(plan.write, LocalRecordOrigin)
  return { ok: true }
}

/** Sets the days between check-ins (1 to 90). */
export function setCheckinCadence(doc: Y.Doc, canvasId: string, days: number): CheckinOutcome {
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    return { ok: false, message: 'Check in every 1 to 90 days' }
  }
  const map = getBoardCanvases(doc).get(canvasId)
  if (!map) return { ok: false, message: 'This canvas is no longer on the board' }
  doc.transact(() => setCadence(map, days), LocalRecordOrigin)
  return { ok: true }
}
