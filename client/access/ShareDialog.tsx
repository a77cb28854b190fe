import { useEffect, useState } from 'react'
import type { BoardLink, LinkRole } from '../../shared/api/links'
import { getLinks, rotateLink, setLinkEnabled } from '../api/links'
import { ApiError } from '../api/client'
import { Dialog } from '../ui/Dialog'
import { ErrorBanner } from '../ui/ErrorBanner'
import './share.css'

const RoleText: Record<LinkRole, { label: string; can: string }> = {
  edit: { label: 'Can edit', can: 'Changes canvases, shapes and hypotheses.' },
  comment: { label: 'Can comment', can: 'Votes, reacts and chats; cannot change the board.' },
  view: { label: 'Can view', can: 'Watches, follows the facilitator and chats.' },
}

interface ShareDialogProps {
  boardId: string
  open: boolean
  onClose: () => void
}

/**
 * The owner's share links: one per role, each with its own secret. Copy a link to invite;
 * rotate it to shut out everyone who had the old one (they are disconnected at once); turn
 * it off and on.
 */
export function ShareDialog({ boardId, open, onClose }: ShareDialogProps) {
  const [links, setLinks] = useState<BoardLink[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<LinkRole | null>(null)
  const [busy, setBusy] = useState<LinkRole | null>(null)

  useEffect(() => {
    if (!open) return
    const controller = new AbortController()
    setError(null)
    getLinks(boardId, controller.signal).then(setLinks, (e: unknown) => {
      if (!controller.signal.aborted) setError(messageOf(e))
    })
    return () => controller.abort()
  }, [boardId, open])

  const act = async (role: LinkRole, change: () => Promise<BoardLink[]>) => {
    setBusy(role)
    setError(null)
    try {
      setLinks(await change())
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const copy = async (link: BoardLink) => {
    if (!link.path) return
    const url = new URL(link.path, window.location.origin).toString()
    try {
      await navigator.clipboard.writeText(url)
      setCopied(link.role)
    } catch {
      // Clipboard access can be refused (plain http): select the text for a manual copy.
      setError('Copy was blocked by the browser: select the link and copy it by hand.')
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title="Share this board" testId="share-dialog">
      <p className="dialog-text">
        Anyone with a link joins with its role. Rotate a link to stop everyone who has the old one.
      </p>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {!links && !error && <p className="dialog-text">Loading links…</p>}
      <ul className="share-links">
        {links?.map((link) => (
          <li key={link.role} className="share-link" data-testid={`share-link-${link.role}`}>
            <div className="share-link-head">
              <strong>{RoleText[link.role].label}</strong>
              <span className="share-link-can">{RoleText[link.role].can}</span>
            </div>
            <div className="share-link-row">
              <input
                className="share-link-url"
                readOnly
                aria-label={`${RoleText[link.role].label} link`}
                value={
                  link.path ? new URL(link.path, window.location.origin).toString() : 'Link is off'
                }
                onFocus={(event) => event.currentTarget.select()}
                disabled={!link.enabled}
              />
              <button
                type="button"
                className="button button-small button-primary"
                disabled={!link.enabled}
                onClick={() => void copy(link)}
              >
                {copied === link.role ? 'Copied' : 'Copy'}
              </button>
            </div>
            <div className="share-link-actions">
              <button
                type="button"
                className="button button-small button-quiet"
                disabled={busy !== null}
                onClick={() => void act(link.role, () => rotateLink(boardId, link.role))}
              >
                Rotate
              </button>
              <label className="share-link-toggle">
                <input
                  type="checkbox"
                  checked={link.enabled}
                  disabled={busy !== null}
                  onChange={(event) =>
                    void act(link.role, () =>
                      setLinkEnabled(boardId, link.role, event.currentTarget.checked),
                    )
                  }
                />
                On
              </label>
            </div>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  )
}

const messageOf = (e: unknown) =>
  e instanceof ApiError ? e.message : 'Something went wrong. Try again.'
