import { useState } from 'react'
import type { Comment, Thread } from '../../shared/comments/comments'
import {
  deleteComment,
  editComment,
  reopenThread,
  replyToThread,
  resolveThread,
} from '../api/comments'
import { Avatar } from '../board/Avatar'
import { authorColor } from './authorColor'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { useNow } from '../ui/useNow'
import { CommentBox } from './CommentBox'
import { commentErrorText } from './commentErrors'
import type { Mentionable } from './mentions'

interface ThreadViewProps {
  boardId: string
  thread: Thread
  me: string
  canComment: boolean
  people: readonly Mentionable[]
  /** What it is pinned to is gone from the board. */
  targetMissing: boolean
  onClose: () => void
}

const iso = (at: number) => new Date(at).toISOString()

/** One thread: its comments, a reply box, and resolving or reopening it. */
export function ThreadView({
  boardId,
  thread,
  me,
  canComment,
  people,
  targetMissing,
  onClose,
}: ThreadViewProps) {
  const now = useNow()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const resolved = thread.resolvedAt !== null

  const toggleResolved = async () => {
    setBusy(true)
    setError(null)
    try {
      await (resolved ? reopenThread : resolveThread)(boardId, thread.id)
    } catch (e) {
      setError(commentErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="thread"
      aria-label={`Comments by ${thread.by.name}`}
      data-testid="thread"
      data-thread-id={thread.id}
      data-resolved={resolved}
    >
      <header className="thread-header">
        <span className="thread-state">
          {resolved ? `Resolved by ${thread.resolvedBy?.name ?? 'someone'}` : 'Open'}
          {targetMissing && <span className="thread-missing"> · on something deleted</span>}
        </span>
        {canComment && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void toggleResolved()}
            data-testid={resolved ? 'reopen-thread' : 'resolve-thread'}
          >
            {resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
        <button
          type="button"
          className="button button-small button-quiet thread-close"
          aria-label="Close comments"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {error && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
      <ol className="thread-comments">
        {thread.comments.map((comment) => (
          <CommentRow
            key={comment.id}
            boardId={boardId}
            threadId={thread.id}
            comment={comment}
            own={comment.by.id === me}
            canComment={canComment}
            people={people}
            now={now}
          />
        ))}
      </ol>
      {canComment ? (
        <CommentBox
          key={thread.id}
          label="Reply"
          placeholder="Reply… (@ to mention)"
          submitLabel="Reply"
          people={people}
          autoFocus
          testId="reply-box"
          onSubmit={(text, mentions) => replyToThread(boardId, thread.id, { text, mentions })}
        />
      ) : (
        <p className="comment-hint" data-testid="view-only-hint">
          Your link can only view this board: ask for a comment link to reply.
        </p>
      )}
    </section>
  )
}

function CommentRow({
  boardId,
  threadId,
  comment,
  own,
  canComment,
  people,
  now,
}: {
  boardId: string
  threadId: string
  comment: Comment
  own: boolean
  canComment: boolean
  people: readonly Mentionable[]
  now: number
}) {
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const deleted = comment.deletedAt !== null

  const remove = async () => {
    setError(null)
    try {
      await deleteComment(boardId, threadId, comment.id)
    } catch (e) {
      setError(commentErrorText(e))
    }
  }

  return (
    <li className="comment" data-testid="comment" data-deleted={deleted}>
      <div className="comment-meta">
        <Avatar name={comment.by.name} color={authorColor(comment.by.id)} size={20} />
        <span className="comment-author">{comment.by.name}</span>
        <time dateTime={iso(comment.at)} title={absoluteTime(iso(comment.at))}>
          {relativeTime(iso(comment.at), now)}
        </time>
        {comment.editedAt !== null && !deleted && <span className="comment-edited">edited</span>}
      </div>
      {deleted ? (
        <p className="comment-text comment-deleted">Comment deleted</p>
      ) : editing ? (
        <CommentBox
          label="Edit comment"
          placeholder="Comment"
          submitLabel="Save"
          people={people}
          initialText={comment.text}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (text, mentions) => {
            await editComment(boardId, threadId, comment.id, { text, mentions })
            setEditing(false)
          }}
        />
      ) : (
        <p className="comment-text" data-testid="comment-text">
          {comment.text}
        </p>
      )}
      {own && canComment && !deleted && !editing && (
        <div className="comment-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="link-button" onClick={() => void remove()}>
            Delete
          </button>
        </div>
      )}
      {error && (
        <p className="comment-error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
