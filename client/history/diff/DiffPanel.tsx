import { useEffect, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Version } from '../../../shared/api/versions'
import type { CanvasDiff, DiffEntry, ShapeDiff } from '../../../shared/history/boardDiff'
import type { Comparison } from '../../state/historyUi'
import { diffMarkdown } from '../../api/versions'
import { focusCanvasPart, focusShape } from './diffFocus'
import { summaryText, versionLabel } from './diffSummary'
import type { BoardDiffState } from './useBoardDiff'

interface DiffPanelProps {
  boardId: string
  editor: Editor
  comparison: Comparison
  state: BoardDiffState | null
  /** The board's versions, newest first; null while they load. */
  versions: readonly Version[] | null
  onCompare: (comparison: Comparison) => void
  onClose: () => void
}

const ShapeVerbs: Record<ShapeDiff['change'], string> = {
  added: 'Added',
  removed: 'Removed',
  moved: 'Moved',
  edited: 'Edited',
}

/**
 * What changed between two states of the board: a summary, the changes in words per canvas and
 * for what people drew (a click takes the camera there), a chooser of the two states, and the
 * changes as markdown to paste. Escape or Close ends the comparison and its highlights.
 */
export function DiffPanel({
  boardId,
  editor,
  comparison,
  state,
  versions,
  onCompare,
  onClose,
}: DiffPanelProps) {
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('select')?.focus()
  }, [])
  const diff = state?.status === 'ready' ? state.diff : null
  const empty = diff && diff.canvases.length === 0 && diff.shapes.length === 0
  return (
    <aside
      ref={panel}
      className="diff-panel"
      aria-label="What changed"
      data-testid="diff-panel"
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape') onClose()
      }}
    >
      <header className="diff-panel-header">
        <h2>What changed</h2>
        <button
          type="button"
          className="button button-small button-quiet"
          data-testid="diff-close"
          onClick={onClose}
        >
          Close
        </button>
      </header>
      <Chooser comparison={comparison} versions={versions} onCompare={onCompare} />
      <p className="diff-legend" aria-hidden="true">
        <span className="diff-key diff-added">Added</span>
        <span className="diff-key diff-removed">Removed</span>
        <span className="diff-key diff-changed">Changed</span>
        <span className="diff-key diff-moved">Moved</span>
      </p>
      {!state || state.status === 'loading' ? (
        <p className="diff-status" role="status" data-testid="diff-loading">
          Comparing…
        </p>
      ) : state.status === 'error' ? (
        <p className="diff-error" role="alert" data-testid="diff-error">
          {state.message}
        </p>
      ) : empty ? (
        <p className="diff-empty" data-testid="diff-empty">
          Nothing changed between these two versions.
        </p>
      ) : (
        <>
          <p className="diff-summary" role="status" data-testid="diff-summary">
            {summaryText(state.diff)}
          </p>
          <div className="diff-lists">
            {state.diff.canvases.map((canvas) => (
              <CanvasSection key={canvas.id} canvas={canvas} editor={editor} />
            ))}
            {state.diff.shapes.length > 0 && (
              <section className="diff-section" data-testid="diff-shapes">
                <h3>Stickies and shapes</h3>
                <ul>
                  {state.diff.shapes.map((shape) => (
                    <li key={shape.id}>
                      <button
                        type="button"
                        className={`diff-line diff-${shape.change === 'edited' ? 'changed' : shape.change}`}
                        data-testid="diff-line"
                        data-change={shape.change}
                        onClick={() => focusShape(editor, shape)}
                      >
                        {ShapeVerbs[shape.change]} {shape.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </>
      )}
      <footer className="diff-panel-footer">
        <CopyMarkdown
          boardId={boardId}
          comparison={comparison}
          disabled={state?.status !== 'ready'}
        />
      </footer>
    </aside>
  )
}

function Chooser({
  comparison,
  versions,
  onCompare,
}: {
  comparison: Comparison
  versions: readonly Version[] | null
  onCompare: (comparison: Comparison) => void
}) {
  // A version from the address may be missing from the list: it is still offered by its id.
  const options = (extra: string) =>
    versions && !versions.some((v) => v.id === extra) && extra !== 'now'
      ? [...versions, { id: extra, name: extra, createdAt: '' }]
      : (versions ?? [{ id: extra, name: extra, createdAt: '' }])
  const label = (v: { id: string; name: string | null; createdAt: string }) =>
    v.createdAt ? versionLabel(v) : (v.name ?? v.id)
  return (
    <div className="diff-chooser">
      <label>
        <span>From</span>
        <select
          data-testid="diff-from"
          value={comparison.from}
          onChange={(event) => onCompare({ ...comparison, from: event.target.value })}
        >
          {options(comparison.from).map((v) => (
            <option key={v.id} value={v.id}>
              {label(v)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>To</span>
        <select
          data-testid="diff-to"
          value={comparison.to}
          onChange={(event) => onCompare({ ...comparison, to: event.target.value })}
        >
          <option value="now">Now</option>
          {options(comparison.to)
            .filter((v) => v.id !== 'now')
            .map((v) => (
              <option key={v.id} value={v.id}>
                {label(v)}
              </option>
            ))}
        </select>
      </label>
    </div>
  )
}

const CanvasVerbs = { added: 'added', removed: 'removed', changed: '' } as const

function CanvasSection({ canvas, editor }: { canvas: CanvasDiff; editor: Editor }) {
  const title = canvas.title || 'Untitled canvas'
  return (
    <section className="diff-section" data-testid="diff-canvas" data-canvas-id={canvas.id}>
      <h3>
        <button
          type="button"
          className="diff-canvas-title"
          disabled={canvas.change === 'removed'}
          onClick={() => focusCanvasPart(editor, canvas.id, null)}
        >
          {title}
        </button>
        {canvas.change !== 'changed' && (
          <span className={`diff-badge diff-${canvas.change}`}>{CanvasVerbs[canvas.change]}</span>
        )}
      </h3>
      {canvas.entries.length > 0 && (
        <ul>
          {canvas.entries.map((entry, index) => (
            <li key={index}>
              <EntryLine
                entry={entry}
                onOpen={() => focusCanvasPart(editor, canvas.id, entry.part)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function EntryLine({ entry, onOpen }: { entry: DiffEntry; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={`diff-line diff-${entry.change}`}
      data-testid="diff-line"
      data-change={entry.change}
      onClick={onOpen}
    >
      {entry.text}
    </button>
  )
}

function CopyMarkdown({
  boardId,
  comparison,
  disabled,
}: {
  boardId: string
  comparison: Comparison
  disabled: boolean
}) {
  const [state, setState] = useState<'idle' | 'copying' | 'copied' | { error: string }>('idle')
  useEffect(() => setState('idle'), [comparison.from, comparison.to])
  useEffect(() => {
    if (state !== 'copied') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  const copy = async () => {
    setState('copying')
    try {
      const text = await diffMarkdown(boardId, comparison.from, comparison.to)
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch (error) {
      setState({ error: error instanceof Error ? error.message : 'Could not copy.' })
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button-small"
        data-testid="diff-copy"
        disabled={disabled || state === 'copying'}
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copied' : state === 'copying' ? 'Copying…' : 'Copy as markdown'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : ''}
      </span>
      {typeof state === 'object' && (
        <span className="diff-error" role="alert">
          {state.error}
        </span>
      )}
    </>
  )
}
