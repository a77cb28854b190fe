import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { CreatedToken, Token } from '../../shared/api/hypotheses'
import { ApiError } from '../api/client'
import { measurementsPath } from '../api/hypotheses'
import { createToken, listTokens, revokeToken } from '../api/tokens'
import { Dialog } from '../ui/Dialog'
import { ErrorBanner } from '../ui/ErrorBanner'
import '../access/share.css'

/**
 * The board's ingestion tokens, for editors: pipelines and experiment platforms post
 * measurements with one. A new token is shown once, with a ready-to-copy curl example; the
 * list shows names only, and any token can be revoked.
 */
export function IngestionTokensDialog({
  boardId,
  open,
  onClose,
}: {
  boardId: string
  open: boolean
  onClose: () => void
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Ingestion tokens" testId="tokens-dialog">
      <TokensPanel boardId={boardId} onDone={onClose} />
    </Dialog>
  )
}

function TokensPanel({ boardId, onDone }: { boardId: string; onDone: () => void }) {
  const [tokens, setTokens] = useState<Token[] | null>(null)
  const [name, setName] = useState('')
  const [created, setCreated] = useState<CreatedToken | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const reload = useCallback(
    (signal?: AbortSignal) =>
      listTokens(boardId, signal).then(setTokens, (e: unknown) => {
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
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    void run(async () => {
      setCreated(await createToken(boardId, name.trim()))
      setName('')
    })
  }

  const example = created
    ? `curl -X POST '${window.location.origin}${measurementsPath(boardId, '<hypothesisId>')}' \\\n  -H 'authorization: Bearer ${created.token}' -H 'content-type: application/json' \\\n  -d '{"measurements":[{"metric":"<metric key>","value":0.05}]}'`
    : ''

  return (
    <>
      <p className="dialog-text">
        Systems post measurements to this board&apos;s hypotheses with a token. Give each system its
        own, so you can revoke one without the others.
      </p>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      <form className="tokens-form" onSubmit={submit}>
        <label className="tokens-label" htmlFor="token-name">
          New token name
        </label>
        <input
          id="token-name"
          className="input"
          value={name}
          maxLength={100}
          placeholder="nightly training"
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
          Create
        </button>
      </form>
      {created && (
        <div className="tokens-created" data-testid="created-token" role="status">
          <strong>Copy “{created.name}” now: it is not shown again.</strong>
          <input
            className="share-link-url"
            readOnly
            aria-label="New token"
            value={created.token}
            onFocus={(event) => event.currentTarget.select()}
          />
          <pre className="tokens-example">{example}</pre>
        </div>
      )}
      {tokens?.length === 0 && <p className="dialog-text">No tokens yet.</p>}
      <ul className="tokens-list">
        {tokens?.map((token) => (
          <li key={token.id} className="tokens-item" data-testid="token-item">
            <span>
              <strong>{token.name}</strong>{' '}
              <span className="share-link-can">
                created {new Date(token.createdAt).toLocaleDateString()}
              </span>
            </span>
            <button
              type="button"
              className="button button-small button-danger"
              disabled={busy}
              aria-label={`Revoke ${token.name}`}
              onClick={() => void run(() => revokeToken(boardId, token.id))}
            >
              Revoke
            </button>
          </li>
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

const messageOf = (e: unknown) =>
  e instanceof ApiError ? e.message : 'Something went wrong. Try again.'
