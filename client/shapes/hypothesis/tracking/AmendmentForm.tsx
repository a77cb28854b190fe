import { useState, type FormEvent } from 'react'
import { MetricDirections, type Metric } from '../../../../shared/canvases/schema'
import { useUiStore } from '../../../state/uiStore'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { amendedMetric, type MetricTerms } from './amendmentWords'
import { fieldGuards } from './fieldGuards'
import { changeCriteria } from './trackingCommands'

const termsOf = (m: Metric): MetricTerms => ({
  name: m.name,
  unit: m.unit,
  direction: m.direction,
  tolerance: m.tolerance,
  baseline: m.baseline.value,
  target: m.target.value,
})

/** A number field of the form: empty means "none"; text that is not a number is kept as typed. */
const toNumber = (text: string) => {
  const t = text.trim().replace(',', '.')
  return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : undefined
}

/**
 * Changes a locked criterion: the new terms and the reason, kept as a dated, attributed
 * amendment beside the change itself.
 */
export function AmendmentForm({
  canvasId,
  metrics,
  initialKey,
}: {
  canvasId: string
  metrics: readonly Metric[]
  initialKey: string | undefined
}) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const [key, setKey] = useState(initialKey)
  const metric = metrics.find((m) => m.key === key) ?? metrics[0]
  // The draft starts from the metric as it is; choosing another metric starts a new draft.
  const [draft, setDraft] = useState<{ key: string; fields: Record<string, string> } | null>(null)
  const [remove, setRemove] = useState(false)
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  if (!metric) return null

  const base = termsOf(metric)
  const fields =
    draft?.key === metric.key
      ? draft.fields
      : {
          name: base.name,
          unit: base.unit,
          direction: base.direction,
          baseline: base.baseline === null ? '' : String(base.baseline),
          target: base.target === null ? '' : String(base.target),
          tolerance: base.tolerance === null ? '' : String(base.tolerance),
        }
  const set = (field: string, value: string) =>
    setDraft({ key: metric.key, fields: { ...fields, [field]: value } })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const numbers = {
      baseline: toNumber(fields.baseline!),
      target: toNumber(fields.target!),
      tolerance: toNumber(fields.tolerance!),
    }
    const bad = Object.entries(numbers).find(([, v]) => v === undefined)
    if (bad) {
      setMessage({ ok: false, text: `The ${bad[0]} must be a number, or empty for none` })
      return
    }
    if (numbers.tolerance !== null && numbers.tolerance! < 0) {
      setMessage({ ok: false, text: 'The tolerance cannot be negative' })
      return
    }
    const next = remove
      ? metrics.filter((m) => m.key !== metric.key)
      : metrics.map((m) =>
          m.key === metric.key
            ? amendedMetric(m, {
                name: fields.name!.trim(),
                unit: fields.unit!.trim(),
                direction: fields.direction === 'decrease' ? 'decrease' : 'increase',
                baseline: numbers.baseline!,
                target: numbers.target!,
                tolerance: numbers.tolerance!,
              })
            : m,
        )
    const result = changeCriteria(doc, canvasId, next, { reason, by: name, now: Date.now() })
    if (!result.ok) return setMessage({ ok: false, text: result.message })
    if (result.amended === 0) return setMessage({ ok: false, text: 'Nothing changed' })
    setDraft(null)
    setReason('')
    setRemove(false)
    setMessage({ ok: true, text: `Amended ${metric.key}` })
  }

  const input = (
    field: string,
    label: string,
    props: { inputMode?: 'decimal'; wide?: boolean } = {},
  ) => (
    <label className={`tracking-field${props.wide ? ' is-wide' : ''}`}>
      <span>{label}</span>
      <input
        className="tracking-input"
        value={fields[field] ?? ''}
        inputMode={props.inputMode}
        disabled={remove}
        aria-label={label}
        data-testid={`amend-${field}`}
        onChange={(e) => set(field, e.target.value)}
        {...fieldGuards}
      />
    </label>
  )

  return (
    <form className="tracking-form" data-testid="amendment-form" onSubmit={submit}>
      <div className="tracking-form-row">
        <label className="tracking-field">
          <span>Metric</span>
          <select
            value={metric.key}
            aria-label="Metric to amend"
            data-testid="amend-metric"
            onChange={(e) => {
              setKey(e.target.value)
              setMessage(null)
            }}
            {...fieldGuards}
          >
            {metrics.map((m) => (
              <option key={m.id} value={m.key}>
                {m.key}
              </option>
            ))}
          </select>
        </label>
        {input('name', 'Name', { wide: true })}
      </div>
      <div className="tracking-form-row">
        {input('baseline', 'Baseline', { inputMode: 'decimal' })}
        {input('target', 'Target', { inputMode: 'decimal' })}
        {metric.kind === 'guardrail' && input('tolerance', 'Tolerance', { inputMode: 'decimal' })}
        {input('unit', 'Unit')}
        <label className="tracking-field">
          <span>Better</span>
          <select
            value={fields.direction}
            disabled={remove}
            aria-label="Direction"
            onChange={(e) => set('direction', e.target.value)}
            {...fieldGuards}
          >
            {MetricDirections.map((d) => (
              <option key={d} value={d}>
                {d === 'increase' ? 'higher' : 'lower'}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="tracking-field is-wide">
        <span>Reason (required)</span>
        <textarea
          className="tracking-textarea"
          rows={2}
          value={reason}
          maxLength={2000}
          aria-label="Reason for the amendment"
          data-testid="amend-reason"
          placeholder="Why the agreed criterion changes now"
          onChange={(e) => setReason(e.target.value)}
          {...fieldGuards}
        />
      </label>
      <div className="tracking-form-row">
        <label className="tracking-check">
          <input
            type="checkbox"
            checked={remove}
            onChange={(e) => setRemove(e.target.checked)}
            {...fieldGuards}
          />
          Remove this metric
        </label>
        <button
          type="submit"
          className="tracking-button is-primary"
          data-testid="record-amendment"
          disabled={reason.trim() === ''}
          {...fieldGuards}
        >
          Record amendment
        </button>
      </div>
      {message && (
        <p
          className={message.ok ? 'tracking-ok' : 'tracking-refusal'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </form>
  )
}
