import { useEffect, useRef, useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import * as Y from 'yjs'
import { MetricKinds } from '../../../shared/canvases/hypothesis/metric'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { NumberField } from '../canvas/NumberField'
import { useYRead } from '../canvas/useY'
import { YTextInput } from '../canvas/YTextInput'
import { MetricKeyPattern, removeMetric, setMetricField } from './metricCommands'
import { MetricTargetField, readTarget, relativeTargetLine } from './MetricTargetField'
import { AmendMetricButton } from './tracking/AmendMetricButton'
import { MetricSource } from './sources/MetricSource'
import { useCriteriaLock } from './tracking/useCriteriaLock'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import './MetricCard.css'

const kindLabels: Record<(typeof MetricKinds)[number], string> = {
  success: 'Success',
  evaluation: 'Evaluation',
  guardrail: 'Guardrail',
}

const numberOr = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : null
const objectValue = (value: unknown, key: string) =>
  value && typeof value === 'object' && key in value
    ? (value as Record<string, unknown>)[key]
    : null
const stringOr = (value: unknown, fallback: string) =>
  typeof value === 'string' ? value : fallback

/**
 * One metric: kind, key and name, then baseline, direction, target (absolute or relative to
 * the baseline), unit and tolerance, and when and where the baseline was taken.
 */
export function MetricCard({ canvasId, metric }: { canvasId: string; metric: Y.Map<unknown> }) {
  const { doc, focus, boardId } = useCanvasEnvironment()
  const values = useYRead(metric, () => ({
    id: stringOr(metric.get('id'), ''),
    key: stringOr(metric.get('key'), ''),
    kind: stringOr(metric.get('kind'), 'success'),
    unit: stringOr(metric.get('unit'), ''),
    direction: stringOr(metric.get('direction'), 'increase'),
    baseline: metric.get('baseline'),
    target: readTarget(metric.get('target')),
    tolerance: numberOr(metric.get('tolerance')),
    name: metric.get('name'),
  }))
  // Once the hypothesis runs its criteria are agreed: a change goes through an amendment, with
  // a reason, rather than through these fields.
  const locked = useCriteriaLock(canvasId)
  const keyRef = useRef<HTMLInputElement>(null)
  useEffect(() => focus.fulfil(values.id, keyRef.current), [focus, values.id])
  const set = (key: string, value: unknown) => setMetricField(metric, key, value)
  const diff = useDiffAttributes(canvasId, { entry: values.id })
  const baseline = {
    value: numberOr(objectValue(values.baseline, 'value')),
    at: stringOr(objectValue(values.baseline, 'at'), '') || null,
    source: stringOr(objectValue(values.baseline, 'source'), '') || null,
  }
  const setBaseline = (change: Partial<typeof baseline>) =>
    set('baseline', { ...baseline, ...change })
  const relativeLine = relativeTargetLine({ baseline, target: values.target, unit: values.unit })

  return (
    <li
      className={`card card-small metric-card metric-kind-${values.kind}${locked ? ' is-locked' : ''}`}
      data-testid="metric"
      data-metric-key={values.key}
      {...diff}
    >
      <div className="metric-row">
        <select
          className="metric-kind"
          aria-label="Kind"
          value={values.kind}
          disabled={locked}
          onPointerDown={stopEventPropagation}
          onKeyDown={(event) => event.stopPropagation()}
          onChange={(event) => set('kind', event.target.value)}
        >
          {MetricKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
        <MetricKeyInput
          inputRef={keyRef}
          value={values.key}
          readOnly={locked}
          onCommit={(key) => set('key', key)}
        />
        {locked ? (
          <AmendMetricButton canvasId={canvasId} metricKey={values.key} />
        ) : (
          <button
            type="button"
            className="icon-button metric-delete"
            aria-label="Delete metric"
            title="Delete metric"
            onPointerDown={stopEventPropagation}
            onClick={() => removeMetric(doc, canvasId, values.id)}
          >
            ×
          </button>
        )}
      </div>
      {values.name instanceof Y.Text && (
        <YTextInput
          className="metric-name"
          text={values.name}
          singleLine
          aria-label="Metric name"
          readOnly={locked}
          placeholder="What it measures, e.g. checkout conversion"
          maxLength={200}
        />
      )}
      <div className="metric-row metric-numbers">
        <label className="metric-number">
          <span>Baseline</span>
          <NumberField
            value={baseline.value}
            nullable
            disabled={locked}
            aria-label="Baseline"
            onCommit={(value) => setBaseline({ value })}
          />
        </label>
        <button
          type="button"
          className="metric-direction"
          disabled={locked}
          aria-label={`Direction: ${values.direction === 'decrease' ? 'lower' : 'higher'} is better`}
          title={`${values.direction === 'decrease' ? 'Lower' : 'Higher'} is better (click to change)`}
          onPointerDown={stopEventPropagation}
          onClick={() =>
            set('direction', values.direction === 'decrease' ? 'increase' : 'decrease')
          }
        >
          {values.direction === 'decrease' ? '↘' : '↗'}
        </button>
        <MetricTargetField
          target={values.target}
          baseline={baseline}
          locked={locked}
          onChange={(target) => set('target', target)}
        />
        <label className="metric-number metric-unit">
          <span>Unit</span>
          <input
            value={values.unit}
            aria-label="Unit"
            readOnly={locked}
            placeholder="%"
            maxLength={40}
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => event.stopPropagation()}
            onChange={(event) => set('unit', event.target.value)}
          />
        </label>
        {values.kind === 'guardrail' && (
          <label className="metric-number">
            <span>Tolerance</span>
            <NumberField
              value={values.tolerance}
              nullable
              min={0}
              disabled={locked}
              aria-label="Tolerance"
              onCommit={(value) => set('tolerance', value)}
            />
          </label>
        )}
      </div>
      {relativeLine && (
        <p className="metric-relative" data-testid="metric-relative-target">
          {relativeLine}
        </p>
      )}
      <div className="metric-row metric-baseline-meta">
        <label className="metric-number">
          <span>Baseline on</span>
          <input
            type="date"
            aria-label="Baseline date"
            value={baseline.at ? baseline.at.slice(0, 10) : ''}
            readOnly={locked}
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => event.stopPropagation()}
            onChange={(event) => {
              const day = event.target.value
              setBaseline({ at: /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : null })
            }}
          />
        </label>
        <label className="metric-number metric-source">
          <span>Source</span>
          <input
            aria-label="Baseline source"
            value={baseline.source ?? ''}
            readOnly={locked}
            placeholder="warehouse, dashboard…"
            maxLength={200}
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => event.stopPropagation()}
            onChange={(event) => setBaseline({ source: event.target.value || null })}
          />
        </label>
      </div>
      {MetricKeyPattern.test(values.key) && (
        <MetricSource boardId={boardId} canvasId={canvasId} metricKey={values.key} />
      )}
    </li>
  )
}

/** The metric key: written only when it is a valid key, so the canvas always validates. */
function MetricKeyInput({
  value,
  onCommit,
  inputRef,
  readOnly,
}: {
  value: string
  readOnly: boolean
  onCommit: (key: string) => void
  inputRef: React.RefObject<HTMLInputElement | null>
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const shown = draft ?? value
  const invalid = !MetricKeyPattern.test(shown)
  return (
    <input
      ref={inputRef}
      className={`metric-key${invalid ? ' is-invalid' : ''}`}
      aria-label="Metric key"
      aria-invalid={invalid || undefined}
      title="A letter, then letters, digits, _ . -"
      value={shown}
      readOnly={readOnly}
      maxLength={64}
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Enter') event.currentTarget.blur()
      }}
      onFocus={() => setDraft(value)}
      onBlur={() => setDraft(null)}
      onChange={(event) => {
        setDraft(event.target.value)
        if (MetricKeyPattern.test(event.target.value)) onCommit(event.target.value)
      }}
    />
  )
}
