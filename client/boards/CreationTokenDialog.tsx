import { useState, type FormEvent } from 'react'
import { creationToken, rememberCreationToken } from '../access/creationToken'
import { Dialog } from '../ui/Dialog'

interface CreationTokenDialogProps {
  /** Why the server refused: no token sent, or a wrong one; null closes the dialog. */
  refusal: 'required' | 'refused' | null
  /** Retries the creation with the token kept; resolves whether it worked. */
  onRetry: () => Promise<boolean>
  onClose: () => void
}

/**
 * Asks for the server's creation token when the server refuses to create a board without it,
 * keeps it in this browser and creates the board again.
 */
export function CreationTokenDialog({ refusal, onRetry, onClose }: CreationTokenDialogProps) {
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  // A token kept earlier and refused now was changed by the operator.
  const wrong = refusal === 'refused' && creationToken() !== null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !token.trim()) return
    setBusy(true)
    rememberCreationToken(token)
    try {
      if (await onRetry()) setToken('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={refusal !== null}
      onClose={onClose}
      title="This server asks for a creation token"
      testId="creation-token-dialog"
    >
      <form onSubmit={(event) => void submit(event)}>
        <p className="dialog-text">
          Only people holding this server’s creation token can create boards here. Ask the person
          who runs it for the token; this browser keeps it for the next boards.
        </p>
        <label className="field-label creation-token-label" htmlFor="creation-token">
          Creation token
        </label>
        <input
          id="creation-token"
          className="input"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoFocus
          data-testid="creation-token-input"
        />
        {wrong && (
          <p className="dialog-error" role="alert" data-testid="creation-token-refused">
            That is not this server’s creation token. Check it and try again.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || !token.trim()}
            data-testid="creation-token-submit"
          >
            {busy ? 'Creating…' : 'Create board'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
