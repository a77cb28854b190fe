import { useState } from 'react'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { measurementCurl } from './measurementCurl'
import { ViewAction } from './ViewAction'
import './PipelineHint.css'

/**
 * For the pipeline that posts measurements: this hypothesis's id and a curl command ready to
 * copy, with the board's address and the first metric's key filled in.
 */
export function PipelineHint({
  canvasId,
  metrics,
}: {
  canvasId: string
  metrics: readonly Metric[]
}) {
  const { boardId } = useCanvasEnvironment()
  const [copied, setCopied] = useState<'id' | 'curl' | null>(null)
  const curl = measurementCurl(
    window.location.origin,
    boardId,
    canvasId,
    metrics[0]?.key ?? 'metric',
  )
  const copy = (what: 'id' | 'curl', text: string) => {
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied(null),
    )
  }
  return (
    <section
      className="pipeline-hint"
      data-testid="pipeline-hint"
      aria-label="Post from a pipeline"
    >
      <h4 className="tracking-heading">Post from a pipeline</h4>
      <p className="pipeline-id">
        Hypothesis id <code data-testid="hypothesis-id">{canvasId}</code>
        <ViewAction className="pipeline-copy" onAct={() => copy('id', canvasId)}>
          {copied === 'id' ? 'Copied' : 'Copy id'}
        </ViewAction>
      </p>
      <pre className="pipeline-curl" data-testid="measurement-curl">
        {curl}
      </pre>
      <p className="tracking-muted">
        Set <code>TOKEN</code> to an ingestion token of this board (More → Ingestion tokens).{' '}
        <ViewAction className="pipeline-copy" onAct={() => copy('curl', curl)}>
          {copied === 'curl' ? 'Copied' : 'Copy command'}
        </ViewAction>
      </p>
    </section>
  )
}
