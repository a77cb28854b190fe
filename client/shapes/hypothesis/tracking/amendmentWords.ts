import type { Amendment } from '../../../../shared/canvases/hypothesis/tracking'
import {
  relativeTargetWords,
  targetValue,
  type Metric,
} from '../../../../shared/canvases/hypothesis/metric'
import { formatValue } from './formatValue'

const number = (value: number | null, unit: string) =>
  value === null ? 'none' : formatValue(value, unit)

/** What an amendment changed, term by term: "target 5 % → 6 %", "added", "removed". */
export function amendmentChanges(amendment: Pick<Amendment, 'before' | 'after'>): string[] {
  const { before, after } = amendment
  if (!before && after) return [`added as a ${after.kind} metric`]
  if (before && !after) return ['removed']
  if (!before || !after) return []
  const changes: string[] = []
  const text = (label: string, a: string, b: string) => {
    if (a !== b) changes.push(`${label} “${a}” → “${b}”`)
  }
  const value = (label: string, a: number | null, b: number | null) => {
    if (a !== b) changes.push(`${label} ${number(a, before.unit)} → ${number(b, after.unit)}`)
  }
  text('name', before.name, after.name)
  if (before.kind !== after.kind) changes.push(`kind ${before.kind} → ${after.kind}`)
  text('unit', before.unit, after.unit)
  if (before.direction !== after.direction) {
    changes.push(`${after.direction === 'increase' ? 'higher' : 'lower'} is now better`)
  }
  value('baseline', before.baseline.value, after.baseline.value)
  const relative = (m: Metric) =>
    m.target.relative ? relativeTargetWords(m.target.relative, m.unit) : null
  if (relative(before) !== relative(after)) {
    const words = (m: Metric) => relative(m) ?? number(m.target.value, m.unit)
    changes.push(`target ${words(before)} → ${words(after)}`)
  } else {
    value('target', targetValue(before), targetValue(after))
  }
  value('tolerance', before.tolerance, after.tolerance)
  if (changes.length === 0) changes.push('baseline details')
  return changes
}

/** The terms of a metric an amendment may change. */
export type MetricTerms = Pick<Metric, 'name' | 'unit' | 'direction' | 'tolerance'> & {
  baseline: number | null
  /** Absolute, or relative to the baseline. */
  target: Metric['target']
}

/** The metric with amended terms; the baseline's date and source stay. */
export const amendedMetric = (metric: Metric, terms: MetricTerms): Metric => ({
  ...metric,
  name: terms.name,
  unit: terms.unit,
  direction: terms.direction,
  tolerance: terms.tolerance,
  baseline: { ...metric.baseline, value: terms.baseline },
  target: terms.target.relative
    ? { value: null, relative: terms.target.relative }
    : { value: terms.target.value },
})
