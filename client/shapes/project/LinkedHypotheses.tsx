import { useEffect, useState } from 'react'
import { stopEventPropagation, useEditor } from 'tldraw'
import * as Y from 'yjs'
import type { TrackerRow } from '../../../shared/api/hypotheses'
import { isHypothesisMap } from '../../../shared/canvases/hypothesis/content'
import {
  linkKey,
  type HypothesisLink,
  type ProjectTracking,
} from '../../../shared/canvases/project/tracking'
import { getBoardCanvases } from '../../../shared/doc/canvasDoc'
import { str } from '../../../shared/doc/yLists'
import { listTrackedHypotheses } from '../../api/hypotheses'
import { Link } from '../../app/router'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { useYRead } from '../canvas/useY'
import { zoomToCanvas } from '../canvas/zoomToCanvas'
import { linkHypothesis, unlinkHypothesis } from './projectCommands'

interface Candidate extends HypothesisLink {
  title: string
  boardTitle: string | null
}

/** This board's hypotheses, read live from the document. */
function useBoardHypotheses(boardId: string): Candidate[] {
  const { doc } = useCanvasEnvironment()
  const canvases = getBoardCanvases(doc)
  return useYRead(
    canvases,
    () =>
      [...canvases.entries()]
        .filter(([, map]) => map instanceof Y.Map && isHypothesisMap(map))
        .map(([id, map]) => ({
          boardId,
          hypothesisId: id,
          title: str(map.get('title')) || 'Untitled hypothesis',
          boardTitle: null,
        })),
    true,
  )
}

/** The hypotheses that serve the project, and a picker to link more (this board or others). */
export function LinkedHypotheses({
  canvasId,
  record,
}: {
  canvasId: string
  record: ProjectTracking
}) {
  const { doc, boardId } = useCanvasEnvironment()
  const editor = useEditor()
  const here = useBoardHypotheses(boardId)
  const [elsewhere, setElsewhere] = useState<TrackerRow[]>([])
  const [picking, setPicking] = useState(false)
  const [choice, setChoice] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)

  useEffect(() => {
    if (!picking) return
    const abort = new AbortController()
    // Hypotheses on the other boards this person holds keys to, from the tracker.
    listTrackedHypotheses({ limit: 500 }, abort.signal)
      .then((r) => setElsewhere(r.hypotheses.filter((h) => h.boardId !== boardId)))
      .catch(() => setElsewhere([]))
    return () => abort.abort()
  }, [picking, boardId])

  const known = new Map<string, Candidate>()
  for (const c of here) known.set(linkKey(c), c)
  for (const h of elsewhere) {
    known.set(linkKey({ boardId: h.boardId, hypothesisId: h.hypothesisId }), {
      boardId: h.boardId,
      hypothesisId: h.hypothesisId,
      title: h.title || 'Untitled hypothesis',
      boardTitle: h.boardTitle,
    })
  }
  const linked = new Set(record.links.map(linkKey))
  const candidates = [...known.values()].filter((c) => !linked.has(linkKey(c)))

  const link = () => {
    const candidate = known.get(choice)
    if (!candidate) return
    const result = linkHypothesis(doc, canvasId, candidate)
    setRefusal(result.ok ? null : result.message)
    if (result.ok) setChoice('')
  }

  return (
    <section className="project-links" data-testid="project-links" aria-label="Hypotheses">
      <h4 className="project-heading">Hypotheses it links</h4>
      {record.links.length === 0 && <p className="project-muted">None linked yet.</p>}
      <ul className="project-link-list">
        {record.links.map((l) => {
          const candidate = known.get(linkKey(l))
          const onBoard = l.boardId === boardId
          return (
            <li key={linkKey(l)} className="project-link" data-testid="project-link">
              {onBoard ? (
                <button
                  type="button"
                  className="project-link-title"
                  onPointerDown={stopEventPropagation}
                  onClick={() => zoomToCanvas(editor, l.hypothesisId)}
                >
                  {candidate?.title ?? 'A hypothesis no longer on the board'}
                </button>
              ) : (
                <Link
                  to={`/b/${encodeURIComponent(l.boardId)}?canvas=${encodeURIComponent(l.hypothesisId)}`}
                  className="project-link-title"
                >
                  {candidate?.title ?? 'A hypothesis on another board'}
                </Link>
              )}
              <button
                type="button"
                className="project-link-remove"
                aria-label={`Unlink ${candidate?.title ?? 'this hypothesis'}`}
                onPointerDown={stopEventPropagation}
                onClick={() => unlinkHypothesis(doc, canvasId, l)}
              >
                ×
              </button>
            </li>
          )
        })}
      </ul>
      {picking ? (
        <div className="project-link-picker" onPointerDown={stopEventPropagation}>
          <select
            aria-label="Hypothesis to link"
            value={choice}
            data-testid="project-link-choice"
            onKeyDown={(event) => event.stopPropagation()}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">Choose a hypothesis…</option>
            {candidates.map((c) => (
              <option key={linkKey(c)} value={linkKey(c)}>
                {c.title}
                {c.boardTitle ? ` (${c.boardTitle})` : ''}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="project-button"
            disabled={!choice}
            data-testid="project-link-add"
            onClick={link}
          >
            Link
          </button>
          <button type="button" className="project-button" onClick={() => setPicking(false)}>
            Done
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="project-button"
          data-testid="project-link-open"
          onPointerDown={stopEventPropagation}
          onClick={() => setPicking(true)}
        >
          Link a hypothesis
        </button>
      )}
      {refusal && (
        <p className="project-refusal" role="alert">
          {refusal}
        </p>
      )}
    </section>
  )
}
