import { useId, useState } from 'react'
import type { Version } from '../../shared/api/versions'
import { restoreVersion } from '../api/versions'
import { Dialog } from '../ui/Dialog'
import { absoluteTime } from '../ui/relativeTime'
import { historyErrorText } from './historyErrors'
import type { VersionCanvas } from './versionBoard'
import { versionTitle } from './versionLabels'

/** What a restore changed, and what it restored (to undo it the same way). */
export interface Restored {
  canvases: number
  records: number
  before: Version
  /** The canvas restored; undefined for the whole board. */
  canvasId: string | undefined
}

interface RestoreDialogProps {
  boardId: string
  /** The version to restore from; null closes the dialog. */
  version: Version | null
  /** The version's canvases, once its document is read; null while it loads. */
  canvases: readonly VersionCanvas[] | null
  onClose: () => void
  onRestored: (restored: Restored) => void
}

/**
 * Asks before restoring the whole board or one of the version's canvases, and says how to undo
 * it: the server keeps the board as it was just before as a version of its own.
 */
export function RestoreDialog({
  boardId,
  version,
  canvases,
  onClose,
  onRestored,
}: RestoreDialogProps) {
  return (
    <Dialog
      open={version !== null}
      onClose={onClose}
      title={version ? `Restore “${versionTitle(version)}”?` : 'Restore'}
      testId="restore-dialog"
    >
      {version && (
        <RestoreForm
          boardId={boardId}
          version={version}
          canvases={canvases}
          onClose={onClose}
          onRestored={onRestored}
        />
      )}
    </Dialog>
  )
}

function RestoreForm({
  boardId,
  version,
  canvases,
  onClose,
  onRestored,
}: RestoreDialogProps & { version: Version }) {
  const [scope, setScope] = useState<'board' | 'canvas'>('board')
  const [canvasId, setCanvasId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const selectId = useId()
  const chosen = canvasId ?? canvases?.[0]?.id ?? null
  const canvasTitle = canvases?.find((c) => c.id === chosen)?.title

  const confirm = async () => {
    if (busy) return
    const target = scope === 'canvas' ? (chosen ?? undefined) : undefined
    if (scope === 'canvas' && target === undefined) return
    setBusy(true)
    setError(null)
    try {
      const result = await restoreVersion(boardId, version.id, target)
      onRestored({ ...result, canvasId: target })
    } catch (e) {
      setError(historyErrorText(e))
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        void confirm()
      }}
    >
      <p className="dialog-text">
        Taken {absoluteTime(version.createdAt)}. Everyone on the board sees the change at once.
      </p>
      <fieldset className="restore-scope" disabled={busy}>
        <legend className="field-label">What to restore</legend>
        <label className="restore-choice">
          <input
            type="radio"
            name="restore-scope"
            value="board"
            checked={scope === 'board'}
            onChange={() => setScope('board')}
            data-testid="restore-whole-board"
          />
          <span>
            <strong>The whole board</strong>
            <span className="restore-choice-hint">
              Every canvas and drawing goes back to how it was in this version.
            </span>
          </span>
        </label>
        <label className="restore-choice">
          <input
            type="radio"
            name="restore-scope"
            value="canvas"
            checked={scope === 'canvas'}
            disabled={canvases !== null && canvases.length === 0}
            onChange={() => setScope('canvas')}
            data-testid="restore-one-canvas"
          />
          <span>
            <strong>One canvas</strong>
            <span className="restore-choice-hint">
              {canvases === null
                ? 'Reading the version’s canvases…'
                : canvases.length === 0
                  ? 'This version has no canvases.'
                  : 'Only that canvas goes back; the rest of the board stays as it is now.'}
            </span>
          </span>
        </label>
        {scope === 'canvas' && canvases && canvases.length > 0 && (
          <div className="restore-canvas-pick">
            <label className="field-label" htmlFor={selectId}>
              Canvas
            </label>
            <select
              id={selectId}
              className="input"
              value={chosen ?? ''}
              onChange={(event) => setCanvasId(event.target.value)}
              data-testid="restore-canvas"
            >
              {canvases.map((canvas) => (
                <option key={canvas.id} value={canvas.id}>
                  {canvas.title.trim() || 'Untitled'} ({canvas.kindLabel})
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      <p className="dialog-text">
        You can undo this from history: the board as it is now is kept as the version “Before
        restoring…”, and restoring that brings it back.
      </p>
      {error && (
        <p className="dialog-error" role="alert" data-testid="restore-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {/* Focused first, so Enter on an accidental open does not restore. */}
        <button type="button" className="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || (scope === 'canvas' && chosen === null)}
          data-testid="confirm-restore"
        >
          {busy
            ? 'Restoring…'
            : scope === 'canvas'
              ? `Restore ${canvasTitle?.trim() ? `“${canvasTitle.trim()}”` : 'canvas'}`
              : 'Restore board'}
        </button>
      </div>
    </form>
  )
}
