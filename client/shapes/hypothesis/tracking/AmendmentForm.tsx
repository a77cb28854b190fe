import { useState, type FormEvent } from 'react'
import {
  MetricDirections,
  MetricKinds,
  type Metric,
} from '../../../../shared/canvases/hypothesis/metric'
import { useUiStore } from '../../../state/uiStore'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { amendedCriteria, fieldsOf, NewMetric, type AmendmentFields } from './amendmentDraft'
import { fieldGuards } from './fieldGuards'
import { OutcomeMessage } from './OutcomeMessage'
import { changeCriteria } from './trackingCommands'

/**
 * Changes, adds or removes a locked criterion: the new terms and the reason, kept as a dated,
 * attributed amendment beside the change itself.
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
  const [chosen, setChosen] = useState(initialKey ?? metrics[0]?.key ?? NewMetric)
  const metric = metrics.find((m) => m.key === chosen)
  const changing = metric ? metric.key : NewMetric
  // The draft starts from the metric as it is; choosing another metric starts a new draft.
  const [draft, setDraft] = useState<{ for: string; fields: AmendmentFields } | null>(null)
  const [remove, setRemove] = useState(false)
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const fields = draft?.for === changing ? draft.fields : fieldsOf(metric)
  const set = (field: keyof AmendmentFields, value: string) =>
    setDraft({ for: changing, fields: { ...fields, [field]: value } })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next = amendedCriteria(metrics, changing, fields, remove && metric !== undefined)
    if (!next.ok) return setMessage({ ok: false, text: next.message })
    const result = changeCriteria(doc, canvasId, next.metrics, {
      reason,
      by: name,
      now: Date.now(),
    })
    if (!result.ok) return setMessage({ ok: false, text: result.message })
    if (result.amended === 0) return setMessage({ ok: false, text: 'Nothing changed' })
    const key = metric?.key ?? fields.key.trim()
    setDraft(null)
    setReason('')
    setRemove(false)
    if (!metric) setChosen(key)
    setMessage({ ok: true, text: `Amended ${key}` })
  }

  const input = (field: keyof AmendmentFields, label: string, wide = false) => (
    <label className={`tracking-field${wide ? ' is-wide' : ''}`}>
      <span>{label}</span>
      <input
        className="tracking-input"
        value={fields[field]}
        inputMode={['baseline', 'target', 'tolerance'].includes(field) ? 'decimal' : undefined}
        disabled={remove}
        aria-label={label}
        data-testid={`amend-${field}`}
        onChange={(e) => set(field, e.target.value)}
        {...fieldGuards}
      />
    </label>
  )
  const kind = metric?.kind ?? fields.kind

  return (
    <form className="tracking-form" data-testid="amendment-form" onSubmit={submit}>
      <div className="tracking-form-row">
        <label className="tracking-field">
          <span>Metric</span>
          <select
            value={changing}
            aria-label="Metric to amend"
            data-testid="amend-metric"
            onChange={(e) => {
              setChosen(e.target.value)
              setRemove(false)
              setMessage(null)
            }}
            {...fieldGuards}
          >
            {metrics.map((m) => (
              <option key={m.id} value={m.key}>
                {m.key}
              </option>
            ))}
            <option value={NewMetric}>New metric…</option>
          </select>
        </label>
        {metric ? (
          input('name', 'Name', true)
        ) : (
          <>
            {input('key', 'Key')}
            <label className="tracking-field">
              <span>Kind</span>
              <select
                value={fields.kind}
                aria-label="Kind"
                onChange={(e) => set('kind', e.target.value)}
                {...fieldGuards}
              >
                {MetricKinds.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      {!metric && input('name', 'Name', true)}
      <div className="tracking-form-row">
        {input('baseline', 'Baseline')}
        {input('target', fields.targetKind === 'value' ? 'Target' : 'Target change')}
        <label className="tracking-field">
          <span>Target is</span>
          <select
            value={fields.targetKind}
            disabled={remove}
            aria-label="Absolute, or relative to the baseline"
            data-testid="amend-target-kind"
            onChange={(e) => set('targetKind', e.target.value)}
            {...fieldGuards}
          >
            <option value="value">a value</option>
            <option value="%">% over baseline</option>
            <option value="abs">± over baseline</option>
          </select>
        </label>
        {kind === 'guardrail' && input('tolerance', 'Tolerance')}
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
        {metric ? (
          <label className="tracking-check">
            <input
              type="checkbox"
              checked={remove}
              data-testid="amend-remove"
              onChange={(e) => setRemove(e.target.checked)}
              {...fieldGuards}
            />
            Remove this metric
          </label>
        ) : (
          <span />
        )}
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
      <OutcomeMessage message={message} testId="amendment-message" />
    </form>
  )
}
