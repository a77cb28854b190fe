import { useState, type FormEvent } from 'react'
import {
  MaxPollMinutes,
  MaxSourceHeaders,
  MinPollMinutes,
  type MetricSourceView,
  type SourceInput,
} from '../../../../shared/api/sources'
import { ApiError } from '../../../api/client'
import { removeMetricSource, setMetricSource, type MetricRef } from '../../../api/sources'
import { Dialog } from '../../../ui/Dialog'
import { ErrorBanner } from '../../../ui/ErrorBanner'

type Kind = SourceInput['kind']
/** A header row of the form; `stored` marks one whose value the server keeps (never shown). */
interface HeaderRow {
  name: string
  value: string
  stored: boolean
}

/**
 * The dialog sits inside a canvas in React's tree: its pointer and key events must not reach the
 * board (tldraw would take the pointer or read keys as shortcuts).
 */
const guards = {
  onPointerDown: (event: { stopPropagation(): void }) => event.stopPropagation(),
  onPointerUp: (event: { stopPropagation(): void }) => event.stopPropagation(),
  onKeyDown: (event: { stopPropagation(): void }) => event.stopPropagation(),
  onKeyUp: (event: { stopPropagation(): void }) => event.stopPropagation(),
}

/** Connects a metric to a source, edits it or removes it. */
export function SourceDialog({
  open,
  metricKey,
  metric,
  current,
  onClose,
  onSaved,
}: {
  open: boolean
  metricKey: string
  metric: MetricRef
  current: MetricSourceView | null
  onClose: () => void
  onSaved: (source: MetricSourceView | null) => void
}) {
  return (
    <div className="source-dialog-events" {...guards}>
      <Dialog
        open={open}
        onClose={onClose}
        title={`${current ? 'Edit the source' : 'Connect a source'} of ${metricKey}`}
        testId="source-dialog"
      >
        <SourceForm metric={metric} current={current} onCancel={onClose} onSaved={onSaved} />
      </Dialog>
    </div>
  )
}

function SourceForm({
  metric,
  current,
  onCancel,
  onSaved,
}: {
  metric: MetricRef
  current: MetricSourceView | null
  onCancel: () => void
  onSaved: (source: MetricSourceView | null) => void
}) {
  const config = current?.source
  const [kind, setKind] = useState<Kind>(config?.kind ?? 'prometheus')
  const [baseUrl, setBaseUrl] = useState(config?.kind === 'prometheus' ? config.baseUrl : '')
  const [query, setQuery] = useState(config?.kind === 'prometheus' ? config.query : '')
  const [url, setUrl] = useState(config?.kind === 'json' ? config.url : '')
  const [valuePath, setValuePath] = useState(config?.kind === 'json' ? config.valuePath : '')
  const [timePath, setTimePath] = useState(config?.kind === 'json' ? (config.timePath ?? '') : '')
  const [headers, setHeaders] = useState<HeaderRow[]>(
    config?.kind === 'json'
      ? config.headerNames.map((name) => ({ name, value: '', stored: true }))
      : [],
  )
  const [every, setEvery] = useState(String(config?.everyMinutes ?? 15))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<MetricSourceView | null>) => {
    setBusy(true)
    setError(null)
    try {
      onSaved(await work())
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Try again.')
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const everyMinutes = Number(every)
    const input: SourceInput =
      kind === 'prometheus'
        ? { kind, baseUrl: baseUrl.trim(), query, everyMinutes }
        : {
            kind,
            url: url.trim(),
            valuePath: valuePath.trim(),
            ...(timePath.trim() ? { timePath: timePath.trim() } : {}),
            headers: headers
              .filter((h) => h.name.trim())
              .map((h) => ({
                name: h.name.trim(),
                // An untouched stored header keeps its value on the server.
                ...(h.stored && h.value === '' ? {} : { value: h.value }),
              })),
            everyMinutes,
          }
    void run(() => setMetricSource(metric, input))
  }
  const setHeader = (i: number, change: Partial<HeaderRow>) =>
    setHeaders((rows) => rows.map((row, j) => (j === i ? { ...row, ...change } : row)))

  return (
    <form className="source-form" onSubmit={submit}>
      <p className="source-form-hint">
        The server polls the source on a schedule and records each new reading as a measurement of
        this metric. A failed poll records nothing and shows its error here.
      </p>
      <label>
        Kind
        <select
          value={kind}
          data-testid="source-kind"
          onChange={(e) => setKind(e.target.value as Kind)}
        >
          <option value="prometheus">Prometheus (PromQL query)</option>
          <option value="json">JSON over HTTP (MLflow, GrowthBook, any API)</option>
        </select>
      </label>
      {kind === 'prometheus' ? (
        <>
          <label>
            Prometheus server
            <input
              type="url"
              required
              value={baseUrl}
              placeholder="http://prometheus:9090"
              data-testid="source-base-url"
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          </label>
          <label>
            PromQL query (its first series is the value)
            <textarea
              required
              rows={2}
              value={query}
              placeholder="histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[5m])) by (le))"
              data-testid="source-query"
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
        </>
      ) : (
        <>
          <label>
            URL
            <input
              type="url"
              required
              value={url}
              placeholder="https://mlflow.example.com/api/2.0/mlflow/metrics/get-history?run_id=…&metric_key=…"
              data-testid="source-url"
              onChange={(e) => setUrl(e.target.value)}
            />
          </label>
          <fieldset>
            <legend>Headers (values are stored encrypted and never shown again)</legend>
            {headers.length === 0 && <p className="source-form-hint">No headers.</p>}
            {headers.map((h, i) => (
              <div className="source-header-row" key={i}>
                <label>
                  Name
                  <input
                    value={h.name}
                    placeholder="Authorization"
                    aria-label={`Header ${i + 1} name`}
                    onChange={(e) => setHeader(i, { name: e.target.value, stored: false })}
                  />
                </label>
                <label>
                  Value
                  <input
                    type="password"
                    value={h.value}
                    required={!h.stored}
                    autoComplete="off"
                    placeholder={h.stored ? 'stored: leave empty to keep' : 'Bearer …'}
                    aria-label={`Header ${i + 1} value`}
                    onChange={(e) => setHeader(i, { value: e.target.value })}
                  />
                </label>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Remove header ${i + 1}`}
                  onClick={() => setHeaders((rows) => rows.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </div>
            ))}
            {headers.length < MaxSourceHeaders && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  setHeaders((rows) => [...rows, { name: '', value: '', stored: false }])
                }
              >
                Add a header
              </button>
            )}
          </fieldset>
          <label>
            Value path
            <input
              required
              value={valuePath}
              placeholder="$.metrics[-1].value"
              data-testid="source-value-path"
              onChange={(e) => setValuePath(e.target.value)}
            />
          </label>
          <label>
            Time path (optional: the time of the poll otherwise)
            <input
              value={timePath}
              placeholder="$.metrics[-1].timestamp"
              data-testid="source-time-path"
              onChange={(e) => setTimePath(e.target.value)}
            />
          </label>
          <p className="source-form-hint">
            Paths: <code>$.a.b</code> a member, <code>[0]</code> an element, <code>[-1]</code> the
            last one. Times may be epoch seconds, epoch milliseconds or ISO dates.
          </p>
        </>
      )}
      <label>
        Poll every (minutes)
        <input
          type="number"
          required
          min={MinPollMinutes}
          max={MaxPollMinutes}
          step={1}
          value={every}
          data-testid="source-every"
          onChange={(e) => setEvery(e.target.value)}
        />
      </label>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <div className="source-form-actions">
        {current && (
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            data-testid="source-remove"
            onClick={() =>
              void run(async () => {
                await removeMetricSource(metric)
                return null
              })
            }
          >
            Remove source
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy}
          data-testid="source-save"
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  )
}
