import type { MeasurementInput } from '../../api/hypotheses.js'
import { toMeasurement } from './measurementInput.js'
import type { HypothesisStatus, Measurement } from './tracking.js'

/**
 * Why measurements cannot be recorded now, or null: a hypothesis that is not running takes
 * baseline readings only. The ingestion API and the canvas refuse with these words.
 */
export function measurementsRefusal(
  status: HypothesisStatus,
  rows: readonly Pick<MeasurementInput, 'baseline'>[],
  baselineDefault: boolean,
): string | null {
  const isBaseline = (r: Pick<MeasurementInput, 'baseline'>) => r.baseline ?? baselineDefault
  if (status === 'running' || rows.every(isBaseline)) return null
  return `The hypothesis is ${status}, not running: only baseline measurements are accepted now (mark them "baseline": true)`
}

/**
 * The measurements to append for checked rows: an id recorded before (in `seen`) or twice in
 * `rows` is recorded once. `seen` gains the new ids.
 */
export function freshMeasurements(
  rows: readonly MeasurementInput[],
  seen: { has(id: string): boolean; add(id: string): unknown },
  context: { baseline: boolean; by: string; now: number; newId: () => string },
): Measurement[] {
  const fresh: Measurement[] = []
  for (const r of rows) {
    const id = r.id ?? context.newId()
    if (seen.has(id)) continue
    seen.add(id)
    fresh.push(toMeasurement({ ...r, id }, { ...context, id }))
  }
  return fresh
}
