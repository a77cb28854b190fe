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
  /** Participant id → name, to show mentions by. */
  names: ReadonlyMap<string, string>
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
  names,
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
            names={names}
            me={me}
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
  names,
  me,
  now,
}: {
  boardId: string
  threadId: string
  comment: Comment
  own: boolean
  canComment: boolean
  people: readonly Mentionable[]
  names: ReadonlyMap<string, string>
  me: string
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
          <MentionText comment={comment} names={names} me={me} />
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

/** A comment's text with the people it mentions marked (oneself most of all). */
function MentionText({
  comment,
  names,
  me,
}: {
  comment: Comment
  names: ReadonlyMap<string, string>
  me: string
}) {
  const mentioned = comment.mentions.flatMap((id) => {
    const name = names.get(id)
    return name ? [{ id, name }] : []
  })
  if (mentioned.length === 0) return comment.text
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`(${mentioned.map((p) => `@${escape(p.name)}`).join('|')})`, 'g')
  return comment.text.split(pattern).map((part, i) => {
    const person = i % 2 === 1 ? mentioned.find((p) => `@${p.name}` === part) : undefined
    if (!person) return part
    return (
      <strong key={i} className={`mention${person.id === me ? ' is-me' : ''}`}>
        {part}
      </strong>
    )
  })
}
