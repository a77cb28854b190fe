import { stopEventPropagation } from 'tldraw'
import {
  RelativeTargetSchema,
  relativeTargetWords,
  targetValue,
  type Metric,
  type RelativeTarget,
} from '../../../shared/canvases/hypothesis/metric'
import { NumberField } from '../canvas/NumberField'
import { formatValue } from './tracking/formatValue'

type Mode = 'value' | RelativeTarget['unit']

const modeLabels: Record<Mode, string> = {
  value: 'Value',
  '%': '% over baseline',
  abs: '± over baseline',
}

/** A stored target as the card reads it (anyone may have written it). */
export function readTarget(value: unknown): Metric['target'] {
  const t = value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const v = typeof t.value === 'number' && Number.isFinite(t.value) ? t.value : null
  return { value: v, relative: RelativeTargetSchema.safeParse(t.relative).data ?? null }
}

/**
 * The target of a metric: an absolute value, or a change relative to the baseline (+10 %, or
 * +0.5 in the metric's unit), shown with what it resolves to: "+10 % over baseline (→ 4.4)".
 */
export function MetricTargetField({
  target,
  baseline,
  locked,
  onChange,
}: {
  target: Metric['target']
  baseline: Metric['baseline']
  locked: boolean
  onChange: (target: Metric['target']) => void
}) {
  const mode: Mode = target.relative?.unit ?? 'value'
  const setMode = (next: Mode) => {
    if (next === mode) return
    if (next === 'value') onChange({ value: targetValue({ baseline, target }), relative: null })
    else onChange({ value: null, relative: { by: target.relative?.by ?? 0, unit: next } })
  }
  return (
    <div className="metric-number metric-target">
      <span>Target</span>
      <span className="metric-target-inputs">
        <select
          aria-label="Absolute, or relative to the baseline"
          data-testid="metric-target-kind"
          value={mode}
          disabled={locked}
          onPointerDown={stopEventPropagation}
          onKeyDown={(event) => event.stopPropagation()}
          onChange={(event) => setMode(event.target.value as Mode)}
        >
          {(Object.keys(modeLabels) as Mode[]).map((m) => (
            <option key={m} value={m}>
              {modeLabels[m]}
            </option>
          ))}
        </select>
        <NumberField
          value={target.relative ? target.relative.by : target.value}
          nullable={!target.relative}
          disabled={locked}
          aria-label={target.relative ? 'Target change over baseline' : 'Target'}
          onCommit={(value) =>
            target.relative
              ? onChange({ value: null, relative: { ...target.relative, by: value ?? 0 } })
              : onChange({ value, relative: null })
          }
        />
      </span>
    </div>
  )
}

/** "+10 % over baseline (→ 4.4)", or null for an absolute target. */
export function relativeTargetLine(metric: Pick<Metric, 'baseline' | 'target' | 'unit'>) {
  const relative = metric.target.relative
  if (!relative) return null
  const resolved = targetValue(metric)
  return `${relativeTargetWords(relative, metric.unit)} (→ ${resolved === null ? 'needs a baseline' : formatValue(resolved, '')})`
}
