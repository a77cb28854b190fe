import type { TrackerMetric } from '../../shared/api/hypotheses'

/** How a row shows its primary metric: the latest value next to the target. */
export interface MetricProgress {
  /** The latest value with its unit, or null before any measurement. */
  latest: string | null
  /** "≥ 5 %" for a metric that should rise, "≤ 200 ms" for one that should fall; null without a target. */
  target: string | null
  /** Which way the metric should move. */
  arrow: '↑' | '↓'
  /** Whether the latest value meets the target; null when either is missing. */
  onTarget: boolean | null
  /** One sentence for screen readers and the tooltip. */
  description: string
}

// Units written right after the number; any other unit gets a space ("120 ms", "3 orders").
const tightUnits = new Set(['%', '‰', '°', '×', 'x', 'pp'])

/** A number with its unit, rounded for reading ("5.3 %" reads worse than "5.3%"). */
export function formatMetricValue(value: number, unit: string, locale?: string): string {
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2,
  }).format(value)
  const trimmed = unit.trim()
  if (!trimmed) return number
  return tightUnits.has(trimmed) ? `${number}${trimmed}` : `${number} ${trimmed}`
}

/** The latest value against the target, in the metric's direction. */
export function metricProgress(metric: TrackerMetric, locale?: string): MetricProgress {
  const increase = metric.direction === 'increase'
  const format = (value: number) => formatMetricValue(value, metric.unit, locale)
  const latest = metric.latest === null ? null : format(metric.latest)
  const target = metric.target === null ? null : `${increase ? '≥' : '≤'} ${format(metric.target)}`
  const onTarget =
    metric.latest === null || metric.target === null
      ? null
      : increase
        ? metric.latest >= metric.target
        : metric.latest <= metric.target
  const name = metric.name.trim() || metric.key
  const goal = target === null ? 'no target set' : `target ${target}`
  const now = latest === null ? 'no measurement yet' : `latest ${latest}`
  return {
    latest,
    target,
    arrow: increase ? '↑' : '↓',
    onTarget,
    description: `${name} (should ${increase ? 'increase' : 'decrease'}): ${now}, ${goal}`,
  }
}
