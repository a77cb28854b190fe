import { useState } from 'react'
import { CloseCodes } from '../../shared/protocol/closeCodes'
import type { BoardSync } from '../sync/BoardSync'
import { downloadFile, fileNameFor, localCopyMarkdown } from '../sync/localCopy'
import { Dialog } from '../ui/Dialog'

interface TooLargeDialogProps {
  open: boolean
  sync: BoardSync
  title: string | null
  /** Why the server refused: a too-large close code. */
  closeCode: number | null
  onClose: () => void
  /** The local copy is gone: open the board again from the server. */
  onDiscarded: () => void
}

/**
 * Says that the server refused a change from this device as too large, and lets the person
 * keep it as a file, or discard this device's copy and carry on from the server's. Sending it
 * again would only be refused again, so nothing is sent until they choose.
 */
export function TooLargeDialog({
  open,
  sync,
  title,
  closeCode,
  onClose,
  onDiscarded,
}: TooLargeDialogProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const boardTitle = title ?? 'Board'
  const why =
    closeCode === CloseCodes.DocumentTooLarge.code
      ? 'it would make the board larger than the server keeps'
      : 'it is larger than the server takes at once'

  const download = () => {
    downloadFile(
      fileNameFor(boardTitle, 'unsaved.md'),
      localCopyMarkdown(sync.doc, boardTitle),
      'text/markdown;charset=utf-8',
    )
  }

  const downloadUpdate = () => {
    downloadFile(
      fileNameFor(boardTitle, 'unsaved.bin'),
      sync.encodeLocalCopy() as Uint8Array<ArrayBuffer>,
      'application/octet-stream',
    )
  }

  const discard = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await sync.discardLocalCopy()
      onDiscarded()
    } catch {
      setError(
        'This device’s copy could not be removed. Close other tabs with this board open and try again.',
      )
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="A change was too large to save"
      testId="too-large-dialog"
    >
      <p className="dialog-text">
        The server did not save a change made on this device, because {why}. It is kept on this
        device only, and nothing you change here is saved until you decide what to do with it.
      </p>
      <p className="dialog-text">
        Download the board as this device holds it to keep your work, then discard it to carry on
        from the board as it is saved. Discarding removes this device’s copy, with every change not
        yet saved.
      </p>
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions dialog-actions-wrap">
        {/* First, so it has the focus when the dialog opens: the choice that loses nothing. */}
        <button
          type="button"
          className="button button-primary"
          onClick={download}
          data-testid="download-unsaved"
        >
          Download my unsaved changes
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={downloadUpdate}
          data-testid="download-unsaved-update"
          title="Everything this device holds of the board, as a Yjs update"
        >
          Download as .bin
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => void discard()}
          disabled={busy}
          data-testid="discard-unsaved"
        >
          {busy ? 'Discarding…' : 'Discard it'}
        </button>
      </div>
    </Dialog>
  )
}
