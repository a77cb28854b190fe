import { useState } from 'react'
import { createPortal } from 'react-dom'
import { useEditor, useValue } from 'tldraw'
import type { MetricSourceView } from '../../../../shared/api/sources'
import { ApiError } from '../../../api/client'
import { pollMetricSource } from '../../../api/sources'
import { fieldGuards } from '../tracking/fieldGuards'
import { timeAgo, timeUntil } from './relativeTime'
import { SourceDialog } from './SourceDialog'
import { useMetricSource } from './useMetricSource'
import { useNow } from './useNow'
import './MetricSource.css'

const kindLabel = (source: MetricSourceView) =>
  source.source.kind === 'prometheus' ? 'Prometheus' : 'JSON over HTTP'

/**
 * Where a metric's measurements are pulled from, for editors: the kind of source, its last poll,
 * its next one and its last error, with "Poll now" and a dialog to connect, edit or remove it.
 */
export function MetricSource({
  boardId,
  canvasId,
  metricKey,
}: {
  boardId: string
  canvasId: string
  metricKey: string
}) {
  const ref = { boardId, hypothesisId: canvasId, metricKey }
  const editor = useEditor()
  // A viewer's board and a version opened from the history are read-only: no sources there.
  const readOnly = useValue('board read-only', () => editor.getIsReadonly(), [editor])
  const { value, show } = useMetricSource(boardId, canvasId, metricKey, !readOnly)
  const [open, setOpen] = useState(false)
  const [polling, setPolling] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const now = useNow()
  if (readOnly || value.state !== 'ready') return null
  const source = value.source

  const pollNow = async () => {
    setPolling(true)
    setMessage(null)
    try {
      const result = await pollMetricSource(ref)
      show(result.source)
      if (!result.error) {
        setMessage(
          result.recorded
            ? `Recorded ${result.source.lastValue ?? ''}`
            : 'Nothing new: this reading was recorded before',
        )
      }
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : 'Could not poll. Try again.')
    } finally {
      setPolling(false)
    }
  }

  const dialog = createPortal(
    <SourceDialog
      open={open}
      metricKey={metricKey}
      metric={ref}
      current={source}
      onClose={() => setOpen(false)}
      onSaved={(saved) => {
        show(saved)
        setMessage(null)
        setOpen(false)
      }}
    />,
    document.body,
  )

  if (!source) {
    return (
      <div className="metric-source is-empty" data-testid="metric-source">
        <button
          type="button"
          className="tracking-button metric-source-button"
          data-testid="metric-source-connect"
          title="Have the server poll this metric from Prometheus or a JSON API"
          {...fieldGuards}
          onClick={() => setOpen(true)}
        >
          Connect a source…
        </button>
        {dialog}
      </div>
    )
  }
  return (
    <div
      className={`metric-source${source.lastError ? ' has-error' : ''}`}
      data-testid="metric-source"
      data-kind={source.source.kind}
    >
      <div className="metric-source-line">
        <span className="metric-source-kind">{kindLabel(source)}</span>
        <span className="metric-source-times" data-testid="metric-source-times">
          {source.lastPollAt
            ? `polled ${timeAgo(Date.parse(source.lastPollAt), now)}`
            : 'not polled yet'}
          {` · next ${timeUntil(Date.parse(source.nextPollAt), now)}`}
        </span>
      </div>
      {source.lastError && (
        <p className="metric-source-error" data-testid="metric-source-error">
          <span aria-hidden="true">⚠ </span>
          <strong>Last poll failed:</strong> {source.lastError}
        </p>
      )}
      <div className="metric-source-line">
        <button
          type="button"
          className="tracking-button metric-source-button"
          data-testid="metric-source-poll"
          disabled={polling}
          {...fieldGuards}
          onClick={() => void pollNow()}
        >
          {polling ? 'Polling…' : 'Poll now'}
        </button>
        <button
          type="button"
          className="tracking-button metric-source-button"
          data-testid="metric-source-edit"
          {...fieldGuards}
          onClick={() => setOpen(true)}
        >
          Edit source…
        </button>
        {message && (
          <span className="metric-source-message" role="status">
            {message}
          </span>
        )}
      </div>
      {dialog}
    </div>
  )
}
