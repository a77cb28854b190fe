import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { Editor } from 'tldraw'
import type { Thread } from '../../shared/comments/comments'
import { lastActivity } from '../../shared/comments/comments'
import { relativeTime } from '../ui/relativeTime'
import { useNow } from '../ui/useNow'
import { describeTarget } from './commentTargets'

interface CommentsPanelProps {
  editor: Editor
  /** Newest activity first. */
  threads: readonly Thread[]
  unread: ReadonlySet<string>
  missing: ReadonlySet<string>
  tab: 'open' | 'resolved'
  onTab: (tab: 'open' | 'resolved') => void
  openThreadId: string | null
  onOpen: (thread: Thread) => void
  onClose: () => void
  canComment: boolean
}

const Tabs = [
  { id: 'open', label: 'Open' },
  { id: 'resolved', label: 'Resolved' },
] as const

/**
 * Every thread of the board, open or resolved, newest activity first, unread ones marked: a
 * click (or Enter) takes the camera to the pin and opens the thread; Escape closes the panel.
 */
export function CommentsPanel({
  editor,
  threads,
  unread,
  missing,
  tab,
  onTab,
  openThreadId,
  onOpen,
  onClose,
  canComment,
}: CommentsPanelProps) {
  const now = useNow()
  const panel = useRef<HTMLElement>(null)
  const shown = threads.filter((t) => (tab === 'open') === (t.resolvedAt === null))
  const count = (which: 'open' | 'resolved') =>
    threads.filter((t) => (which === 'open') === (t.resolvedAt === null)).length

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus()
  }, [])

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    const next = tab === 'open' ? 'resolved' : 'open'
    onTab(next)
    panel.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus()
  }

  return (
    <aside
      ref={panel}
      className="comments-panel"
      aria-label="Comments"
      data-testid="comments-panel"
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape') onClose()
      }}
    >
      <header className="comments-panel-header">
        <h2>Comments</h2>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label="Close comments panel"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="comments-tabs" role="tablist" aria-label="Threads">
        {Tabs.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            data-tab={id}
            data-testid={`comments-tab-${id}`}
            aria-selected={tab === id}
            tabIndex={tab === id ? 0 : -1}
            className="comments-tab"
            onClick={() => onTab(id)}
            onKeyDown={onTabKey}
          >
            {label} <span className="comments-tab-count">{count(id)}</span>
          </button>
        ))}
      </div>
      {!canComment && (
        <p className="comment-hint" data-testid="view-only-hint">
          Your link can only view this board: you can read comments but not write them.
        </p>
      )}
      {shown.length === 0 ? (
        <p className="comments-empty" data-testid="comments-empty">
          {tab === 'open'
            ? canComment
              ? 'No open comments. Press C or use “Comment”, then click a shape or the board.'
              : 'No open comments.'
            : 'No resolved comments yet.'}
        </p>
      ) : (
        <ul className="comments-list" role="tabpanel" aria-label={`${tab} threads`}>
          {shown.map((thread) => {
            const first = thread.comments[0]
            const isUnread = unread.has(thread.id)
            const visible = thread.comments.filter((c) => c.deletedAt === null).length
            return (
              <li key={thread.id}>
                <button
                  type="button"
                  className={`comments-item${isUnread ? ' is-unread' : ''}${openThreadId === thread.id ? ' is-open' : ''}`}
                  data-testid="comments-item"
                  data-thread-id={thread.id}
                  data-unread={isUnread}
                  onClick={() => onOpen(thread)}
                >
                  <span className="comments-item-meta">
                    {isUnread && <span className="unread-dot" aria-label="Unread" />}
                    <strong>{thread.by.name}</strong>
                    <span>{relativeTime(new Date(lastActivity(thread)).toISOString(), now)}</span>
                  </span>
                  <span className="comments-item-text">
                    {first && first.deletedAt === null ? first.text : 'Comment deleted'}
                  </span>
                  <span className="comments-item-where">
                    {missing.has(thread.id)
                      ? 'On something deleted'
                      : describeTarget(editor, thread.target)}
                    {' · '}
                    {visible === 1 ? '1 comment' : `${visible} comments`}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </aside>
  )
}
