import { useCallback, useEffect, useId, useState, type FormEvent } from 'react'
import {
  WebhookEvents,
  type CreatedWebhook,
  type Delivery,
  type Webhook,
  type WebhookEvent,
  type WebhookFormat,
} from '../../shared/api/webhooks'
import { ApiError } from '../api/client'
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  resendDelivery,
} from '../api/webhooks'
import { Dialog } from '../ui/Dialog'
import { ErrorBanner } from '../ui/ErrorBanner'
import '../access/share.css'
import './Webhooks.css'

/** How often an open delivery log looks again while a delivery is on its way. */
const RefreshMs = 3000

/** What each event means, in the words of the board. */
const EventLabels: Record<WebhookEvent, string> = {
  'measurement.recorded': 'Measurements recorded',
  'verdict.changed': 'Verdict changed',
  'decision.recorded': 'Decision recorded',
  'checkin.due': 'Check-in due',
  'hypothesis.overdue': 'Hypothesis overdue',
  'comment.mentioned': 'Someone mentioned in a comment',
  'version.named': 'Version named',
}

/**
 * The board's webhooks, for its owner and facilitators: other systems (chat, a tracker, a
 * pipeline) hear of measurements, verdicts, decisions and more. A new webhook's secret is shown
 * once; each webhook has a log of its last deliveries, any of which can be sent again.
 */
export function WebhooksDialog({
  boardId,
  open,
  onClose,
}: {
  boardId: string
  open: boolean
  onClose: () => void
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Webhooks" testId="webhooks-dialog">
      <WebhooksPanel boardId={boardId} onDone={onClose} />
    </Dialog>
  )
}

function WebhooksPanel({ boardId, onDone }: { boardId: string; onDone: () => void }) {
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null)
  const [created, setCreated] = useState<CreatedWebhook | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const reload = useCallback(
    (signal?: AbortSignal) =>
      listWebhooks(boardId, signal).then(setWebhooks, (e: unknown) => {
        if (!signal?.aborted) setError(messageOf(e))
      }),
    [boardId],
  )
  useEffect(() => {
    const controller = new AbortController()
    void reload(controller.signal)
    return () => controller.abort()
  }, [reload])

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
      await reload()
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <p className="dialog-text">
        A webhook posts a signed JSON message to another system when something happens on this
        board. Choose the events it wants; the Slack format posts a line of text instead.
      </p>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <AddWebhookForm
        busy={busy}
        onAdd={(body) => run(async () => setCreated(await createWebhook(boardId, body)))}
      />
      {created && <CreatedSecret created={created} />}
      {webhooks?.length === 0 && <p className="dialog-text">No webhooks yet.</p>}
      <ul className="tokens-list">
        {webhooks?.map((webhook) => (
          <WebhookItem
            key={webhook.id}
            boardId={boardId}
            webhook={webhook}
            busy={busy}
            onDelete={() => void run(() => deleteWebhook(boardId, webhook.id))}
          />
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
      </div>
    </>
  )
}

function AddWebhookForm({
  busy,
  onAdd,
}: {
  busy: boolean
  onAdd: (body: { url: string; events: WebhookEvent[]; format: WebhookFormat }) => Promise<boolean>
}) {
  const id = useId()
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<WebhookEvent[]>([])
  const [format, setFormat] = useState<WebhookFormat>('json')
  const ready = url.trim() !== '' && events.length > 0

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!ready) return
    void onAdd({ url: url.trim(), events, format }).then((added) => {
      if (!added) return
      setUrl('')
      setEvents([])
    })
  }
  const toggle = (name: WebhookEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, name] : current.filter((e) => e !== name)))

  return (
    <form className="webhooks-form" onSubmit={submit} data-testid="webhook-form">
      <label className="tokens-label" htmlFor={`${id}-url`}>
        Endpoint URL
      </label>
      <input
        id={`${id}-url`}
        className="input"
        type="url"
        value={url}
        maxLength={2000}
        placeholder="https://example.com/hooks/discovery"
        onChange={(event) => setUrl(event.currentTarget.value)}
      />
      <fieldset className="webhooks-events">
        <legend className="tokens-label">Events</legend>
        {WebhookEvents.map((name) => (
          <label key={name} className="webhooks-event">
            <input
              type="checkbox"
              checked={events.includes(name)}
              onChange={(event) => toggle(name, event.currentTarget.checked)}
            />
            {EventLabels[name]}
          </label>
        ))}
      </fieldset>
      <label className="tokens-label" htmlFor={`${id}-format`}>
        Format
      </label>
      <select
        id={`${id}-format`}
        className="input"
        value={format}
        onChange={(event) => setFormat(event.currentTarget.value as WebhookFormat)}
      >
        <option value="json">JSON (signed event)</option>
        <option value="slack">Slack (a line of text)</option>
      </select>
      <button type="submit" className="button button-primary" disabled={busy || !ready}>
        Add webhook
      </button>
    </form>
  )
}

function CreatedSecret({ created }: { created: CreatedWebhook }) {
  const [copied, setCopied] = useState(false)
  const copy = () =>
    void navigator.clipboard?.writeText(created.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  return (
    <div className="tokens-created" data-testid="created-webhook" role="status">
      <strong>Copy the signing secret now: it is not shown again.</strong>
      <div className="webhooks-secret">
        <input
          className="share-link-url"
          readOnly
          aria-label="Signing secret"
          value={created.secret}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span className="share-link-can">
        Check each delivery&apos;s X-Discovery-Signature header with it.
      </span>
    </div>
  )
}

function WebhookItem({
  boardId,
  webhook,
  busy,
  onDelete,
}: {
  boardId: string
  webhook: Webhook
  busy: boolean
  onDelete: () => void
}) {
  const [showLog, setShowLog] = useState(false)
  const logId = useId()
  return (
    <li className="webhooks-item" data-testid="webhook-item">
      <div className="tokens-item">
        <span className="webhooks-url">
          <strong>{webhook.url}</strong>{' '}
          <span className="share-link-can">
            {webhook.format === 'slack' ? 'Slack · ' : ''}
            {webhook.events.map((e) => EventLabels[e]).join(', ')}
          </span>
        </span>
        <span className="webhooks-actions">
          <button
            type="button"
            className="button button-small"
            aria-expanded={showLog}
            aria-controls={logId}
            aria-label={`Deliveries to ${webhook.url}`}
            onClick={() => setShowLog((v) => !v)}
          >
            Deliveries
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={busy}
            aria-label={`Delete the webhook to ${webhook.url}`}
            onClick={onDelete}
          >
            Delete
          </button>
        </span>
      </div>
      {showLog && <DeliveryLog id={logId} boardId={boardId} webhookId={webhook.id} />}
    </li>
  )
}

function DeliveryLog({
  id,
  boardId,
  webhookId,
}: {
  id: string
  boardId: string
  webhookId: string
}) {
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reload = useCallback(
    (signal?: AbortSignal) =>
      listDeliveries(boardId, webhookId, signal).then(setDeliveries, (e: unknown) => {
        if (!signal?.aborted) setError(messageOf(e))
      }),
    [boardId, webhookId],
  )
  useEffect(() => {
    const controller = new AbortController()
    void reload(controller.signal)
    return () => controller.abort()
  }, [reload])

  // While something is still on its way, the log follows it.
  const unsettled = deliveries?.some((d) => d.status === 'pending' || d.status === 'sending')
  useEffect(() => {
    if (!unsettled) return
    const controller = new AbortController()
    const timer = setTimeout(() => void reload(controller.signal), RefreshMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [unsettled, deliveries, reload])

  const resend = (deliveryId: string) => {
    setError(null)
    resendDelivery(boardId, webhookId, deliveryId).then(
      () => void reload(),
      (e: unknown) => setError(messageOf(e)),
    )
  }

  return (
    <div id={id} className="webhooks-log" data-testid="delivery-log">
      <div className="webhooks-log-head">
        <span className="tokens-label">Last deliveries</span>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => void reload()}
        >
          Refresh
        </button>
      </div>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {deliveries?.length === 0 && (
        <p className="dialog-text">Nothing sent yet: deliveries appear here as events happen.</p>
      )}
      {deliveries && deliveries.length > 0 && (
        <table className="webhooks-table">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Answer</th>
              <th scope="col">
                <span className="visually-hidden">Resend</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                <td>
                  {EventLabels[d.event]}
                  <br />
                  <span className="share-link-can">{new Date(d.createdAt).toLocaleString()}</span>
                </td>
                <td>
                  {d.status}
                  {d.nextAttemptAt && (
                    <span className="share-link-can">
                      {' '}
                      next {new Date(d.nextAttemptAt).toLocaleTimeString()}
                    </span>
                  )}
                </td>
                <td>{d.attempts}</td>
                <td>{d.responseStatus ?? d.error ?? '–'}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={d.status === 'sending'}
                    aria-label={`Resend the ${EventLabels[d.event]} delivery`}
                    onClick={() => resend(d.id)}
                  >
                    Resend
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

const messageOf = (e: unknown) =>
  e instanceof ApiError ? e.message : 'Something went wrong. Try again.'
