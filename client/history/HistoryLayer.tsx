import { useCallback, useEffect, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Version } from '../../shared/api/versions'
import { restoreVersion } from '../api/versions'
import { useCommentsUi } from '../state/commentsUi'
import { useHistoryUi, type Comparison } from '../state/historyUi'
import { historyErrorText } from './historyErrors'
import { HistoryPanel } from './HistoryPanel'
import { isHistoryShortcut } from './historyShortcut'
import { RestoreDialog, type Restored } from './RestoreDialog'
import { useVersionBoard } from './useVersionBoard'
import { useVersions } from './useVersions'
import { versionCanvases } from './versionBoard'
import { restoredText } from './versionLabels'
import { VersionView } from './VersionView'
import './history.css'

interface HistoryLayerProps {
  boardId: string
  /** The live board's editor. */
  editor: Editor
  /** Editors name and restore versions. */
  canEdit: boolean
}

/**
 * The board's history over the editor: the panel of versions, a version open read-only in place
 * of the live board, and restoring the board or a canvas from it.
 */
export function HistoryLayer({ boardId, editor, canEdit }: HistoryLayerProps) {
  const { panelOpen, viewing, comparison, setPanelOpen, view, compare, reset } = useHistoryUi()
  const { state: versions, reload } = useVersions(boardId)
  const opened = useVersionBoard(boardId, viewing)
  const [restoring, setRestoring] = useState<Version | null>(null)
  const [restored, setRestored] = useState<Restored | null>(null)

  // The list is read afresh each time the panel opens.
  useEffect(() => {
    if (panelOpen) reload()
  }, [panelOpen, reload])
  useOnePanelAtATime()
  useHistoryKeys()
  // Closes what belongs to this board when the board goes.
  useEffect(() => reset, [reset])
  // The live board keeps syncing underneath, but keys go to the version while it is shown.
  useEffect(() => {
    if (viewing === null) return
    editor.blur()
    return () => {
      editor.focus()
    }
  }, [editor, viewing])

  // Leaving the newer of two versions compared leaves the comparison too.
  const leaveVersion = () => {
    if (comparison && comparison.to === viewing) compare(null)
    view(null)
  }

  const list = 'versions' in versions ? versions.versions : null
  const versionOf = (id: string | null) => list?.find((v) => v.id === id) ?? null
  // A version opened from elsewhere (a comparison, a link) is named once the list has it.
  const unknown = viewing !== null && versions.status !== 'loading' && !versionOf(viewing)
  useEffect(() => {
    if (unknown) reload()
  }, [unknown, reload])
  const canvases = opened?.status === 'open' ? versionCanvases(opened.board.doc) : null

  // A comparison with now is shown on the live board, one between two versions on the newer
  // (read-only), each with its own panel in this one's place.
  const showComparison = (comparison: Comparison) => {
    view(comparison.to === 'now' ? null : comparison.to)
    setPanelOpen(false)
    compare(comparison)
  }

  const afterRestore = useCallback(
    (result: Restored) => {
      setRestoring(null)
      setRestored(result)
      view(null)
      setPanelOpen(true)
      reload()
    },
    [view, setPanelOpen, reload],
  )

  return (
    <>
      {viewing !== null && (
        <VersionView
          boardId={boardId}
          version={versionOf(viewing)}
          opened={opened}
          live={editor}
          canEdit={canEdit}
          beside={panelOpen ? 'history' : comparison ? 'comparison' : null}
          onBack={leaveVersion}
          onRestore={() => setRestoring(versionOf(viewing))}
          onCompareNow={() => showComparison({ from: viewing, to: 'now' })}
        />
      )}
      {panelOpen && (
        <HistoryPanel
          boardId={boardId}
          versions={versions}
          onReload={reload}
          canEdit={canEdit}
          viewing={viewing}
          onOpen={(version) => view(version.id)}
          onRestore={(version) => {
            // The version opens behind the dialog: what it restores is in view.
            view(version.id)
            setRestoring(version)
          }}
          onCompare={(from, to) =>
            showComparison({ from: from.id, to: to === 'now' ? 'now' : to.id })
          }
          onNamed={() => reload()}
          onClose={() => (viewing !== null ? view(null) : setPanelOpen(false))}
          notice={
            restored && (
              <RestoredNotice
                key={restored.before.id}
                boardId={boardId}
                restored={restored}
                canEdit={canEdit}
                onUndone={afterRestore}
                onDismiss={() => setRestored(null)}
              />
            )
          }
        />
      )}
      <RestoreDialog
        boardId={boardId}
        version={restoring}
        canvases={canvases}
        onClose={() => setRestoring(null)}
        onRestored={afterRestore}
      />
    </>
  )
}

/** What the last restore changed, with the way to undo it: the same restore from "before". */
function RestoredNotice({
  boardId,
  restored,
  canEdit,
  onUndone,
  onDismiss,
}: {
  boardId: string
  restored: Restored
  canEdit: boolean
  onUndone: (restored: Restored) => void
  onDismiss: () => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const undo = async () => {
    setBusy(true)
    setError(null)
    try {
      const result = await restoreVersion(boardId, restored.before.id, restored.canvasId)
      onUndone({ ...result, canvasId: restored.canvasId })
    } catch (e) {
      setError(historyErrorText(e))
      setBusy(false)
    }
  }
  return (
    <div className="history-notice" role="status" data-testid="restore-result">
      <p>
        {restoredText(restored)} The board as it was just before is kept as “
        {restored.before.name ?? 'Automatic version'}”.
      </p>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <div className="history-notice-actions">
        {canEdit && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void undo()}
            data-testid="undo-restore"
          >
            {busy ? 'Undoing…' : 'Undo'}
          </button>
        )}
        <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  )
}

/**
 * One panel at the side at a time: opening the history panel closes the comments panel and the
 * comparison's; opening the comments panel closes the history panel and a version open
 * read-only (comments are pinned to the live board).
 */
function useOnePanelAtATime() {
  useEffect(() => {
    const stopHistory = useHistoryUi.subscribe((state, before) => {
      if (!state.panelOpen || before.panelOpen) return
      useCommentsUi.getState().setPanelOpen(false)
      // The comparison's panel takes the same place: the list of versions replaces it.
      state.compare(null)
    })
    const stopComments = useCommentsUi.subscribe((state, before) => {
      if (!state.panelOpen || before.panelOpen) return
      // Comments are pinned to the live board: a version open read-only gives way to it.
      const history = useHistoryUi.getState()
      history.setPanelOpen(false)
      history.view(null)
    })
    return () => {
      stopHistory()
      stopComments()
    }
  }, [])
}

/** The history shortcut opens and closes the panel; Escape leaves a version open read-only. */
function useHistoryKeys() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ui = useHistoryUi.getState()
      if (isHistoryShortcut(event)) {
        event.preventDefault()
        ui.setPanelOpen(!ui.panelOpen)
        return
      }
      if (event.key !== 'Escape' || ui.viewing === null) return
      // A dialog or a menu open over the version takes its own Escape first.
      if (document.querySelector('dialog[open], [role="menu"]')) return
      event.preventDefault()
      event.stopPropagation()
      if (ui.comparison?.to === ui.viewing) ui.compare(null)
      ui.view(null)
    }
    // Captured, so the version's editor does not spend the Escape on its own selection.
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [])
}
