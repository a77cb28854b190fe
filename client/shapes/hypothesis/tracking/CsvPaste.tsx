import { useState } from 'react'
import { MeasurementCsvColumns } from '../../../../shared/api/hypotheses'
import type { HypothesisStatus } from '../../../../shared/canvases/hypothesis/tracking'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { useUiStore } from '../../../state/uiStore'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { fieldGuards } from './fieldGuards'
import { OutcomeMessage } from './OutcomeMessage'
import { pastedRows } from './pastedRows'
import { recordMeasurements } from './trackingCommands'
import './CsvPaste.css'

/**
 * Pasted CSV with the API's columns, recorded all or nothing: a bad row names its row and field
 * and nothing is recorded; the text stays to be fixed.
 */
export function CsvPaste({
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
  const [text, setText] = useState('')
  const [baseline, setBaseline] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const record = () => {
    const now = Date.now()
    const checked = pastedRows(text, new Set(metrics.map((m) => m.key)), now)
    if (!checked.ok) {
      setMessage({ ok: false, text: `Nothing recorded. ${checked.message}` })
      return
    }
    const result = recordMeasurements(doc, canvasId, checked.rows, {
      baseline,
      by: name,
      now,
    })
    if (!result.ok) {
      setMessage({ ok: false, text: `Nothing recorded. ${result.message}` })
      return
    }
    setText('')
    const again = result.duplicates > 0 ? ` (${result.duplicates} recorded before)` : ''
    setMessage({
      ok: true,
      text: `Recorded ${result.recorded} of ${checked.rows.length} rows${again}`,
    })
  }

  return (
    <details className="tracking-csv">
      <summary {...fieldGuards}>Paste CSV</summary>
      <textarea
        className="tracking-textarea"
        rows={4}
        value={text}
        spellCheck={false}
        aria-label="Measurements as CSV"
        data-testid="csv-input"
        placeholder={`${MeasurementCsvColumns.join(',')}\nconversion,4.8,2026-03-04T09:00:00Z,dashboard,`}
        onChange={(e) => setText(e.target.value)}
        {...fieldGuards}
      />
      <div className="tracking-form-row">
        <label className="tracking-check">
          <input
            type="checkbox"
            checked={baseline}
            onChange={(e) => setBaseline(e.target.checked)}
            {...fieldGuards}
          />
          Baseline readings{status === 'running' ? '' : ' (required before the start)'}
        </label>
        <button
          type="button"
          className="tracking-button"
          data-testid="record-csv"
          disabled={text.trim() === ''}
          onClick={record}
          {...fieldGuards}
        >
          Record rows
        </button>
      </div>
      <OutcomeMessage message={message} testId="csv-message" />
    </details>
  )
}
