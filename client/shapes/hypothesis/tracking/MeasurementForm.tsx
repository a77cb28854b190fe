import { useState, type FormEvent } from 'react'
import { validateMeasurementRows } from '../../../../shared/canvases/hypothesis/measurementInput'
import type { HypothesisStatus } from '../../../../shared/canvases/hypothesis/tracking'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { useUiStore } from '../../../state/uiStore'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { fieldGuards } from './fieldGuards'
import { OutcomeMessage } from './OutcomeMessage'
import { recordMeasurements } from './trackingCommands'

/** A value typed by a person: decimal comma or point. */
const parseValue = (text: string) => {
  const trimmed = text.trim().replace(',', '.')
  return trimmed === '' || Number.isNaN(Number(trimmed)) ? text : Number(trimmed)
}

/** Records one measurement by hand: metric, value, optional time; the source is "manual". */
export function MeasurementForm({
  canvasId,
  metrics,
  status,
}: {
  canvasId: string
  metrics: readonly Metric[]
  status: HypothesisStatus
}) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const [metric, setMetric] = useState('')
  const [value, setValue] = useState('')
  const [at, setAt] = useState('')
  const [baseline, setBaseline] = useState<boolean | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const running = status === 'running'
  // Before the start the only readings that count are baselines; the box follows the status
  // until the person ticks it themselves.
  const isBaseline = baseline ?? !running
  const chosen = metrics.some((m) => m.key === metric) ? metric : (metrics[0]?.key ?? '')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const row = {
      metric: chosen,
      value: parseValue(value),
      ...(at ? { at: new Date(at).toISOString() } : {}),
      source: 'manual',
    }
    const now = Date.now()
    const checked = validateMeasurementRows([row], new Set(metrics.map((m) => m.key)), now)
    if (!checked.ok) {
      setMessage({ ok: false, text: checked.message.replace(/^row 1: /, '') })
      return
    }
    const result = recordMeasurements(doc, canvasId, checked.rows, {
      baseline: isBaseline,
      by: name,
      now,
    })
    if (!result.ok) {
      setMessage({ ok: false, text: result.message })
      return
    }
    setValue('')
    setAt('')
    setMessage({
      ok: true,
      text: `Recorded ${isBaseline ? 'a baseline reading' : 'a measurement'}`,
    })
  }

  if (metrics.length === 0) {
    return <p className="tracking-muted">Add a metric to record measurements.</p>
  }
  return (
    <form className="tracking-form" data-testid="measurement-form" onSubmit={submit}>
      <div className="tracking-form-row">
        <label className="tracking-field">
          <span>Metric</span>
          <select
            value={chosen}
            aria-label="Metric"
            data-testid="measurement-metric"
            onChange={(e) => setMetric(e.target.value)}
            {...fieldGuards}
          >
            {metrics.map((m) => (
              <option key={m.id} value={m.key}>
                {m.key}
              </option>
            ))}
          </select>
        </label>
        <label className="tracking-field">
          <span>Value</span>
          <input
            className="tracking-input"
            inputMode="decimal"
            value={value}
            aria-label="Value"
            data-testid="measurement-value"
            placeholder="0.0"
            onChange={(e) => setValue(e.target.value)}
            {...fieldGuards}
          />
        </label>
        <label className="tracking-field">
          <span>Observed</span>
          <input
            className="tracking-input"
            type="datetime-local"
            value={at}
            aria-label="Observed at (optional)"
            title="When the value was observed; now if left empty"
            onChange={(e) => setAt(e.target.value)}
            {...fieldGuards}
          />
        </label>
      </div>
      <div className="tracking-form-row">
        <label className="tracking-check">
          <input
            type="checkbox"
            checked={isBaseline}
            data-testid="measurement-baseline"
            onChange={(e) => setBaseline(e.target.checked)}
            {...fieldGuards}
          />
          Baseline reading
        </label>
        <button
          type="submit"
          className="tracking-button is-primary"
          data-testid="record-measurement"
          {...fieldGuards}
        >
          Record
        </button>
      </div>
      <OutcomeMessage message={message} testId="measurement-message" />
    </form>
  )
}
