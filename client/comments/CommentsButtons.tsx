import { useCommentsUi } from '../state/commentsUi'
import { isUnread } from './unread'
import { useLastReadTimes, useThreads, type BoardComments } from './useComments'

/**
 * The board header's comment controls: "Comment" (or C) places a new thread with the next
 * click, for those who may comment; "Comments" opens the panel, with the number of unread
 * threads.
 */
export function CommentsButtons({
  comments,
  me,
  canComment,
}: {
  comments: BoardComments | null
  me: string
  canComment: boolean
}) {
  const { placing, setPlacing, panelOpen, setPanelOpen } = useCommentsUi()
  const threads = useThreads(comments)
  const lastRead = useLastReadTimes(comments)
  const unreadCount = threads.filter((t) => isUnread(t, me, lastRead[t.id])).length
  return (
    <div className="comments-buttons">
      {canComment && (
        <button
          type="button"
          className={`button button-small comments-add${placing ? ' is-active' : ''}`}
          aria-pressed={placing}
          aria-label="Comment (C)"
          title="Comment (C): then click a shape, an item or the board. Ctrl+Alt+M comments on what has focus"
          data-testid="add-comment"
          onClick={() => setPlacing(!placing)}
        >
          <CommentIcon />
        </button>
      )}
      <button
        type="button"
        className={`button button-small comments-toggle${panelOpen ? ' is-active' : ''}`}
        aria-pressed={panelOpen}
        aria-label={unreadCount > 0 ? `Comments, ${unreadCount} unread` : 'Comments'}
        title="Comments"
        data-testid="comments-toggle"
        onClick={() => setPanelOpen(!panelOpen)}
      >
        <ThreadsIcon />
        {unreadCount > 0 && (
          <span className="unread-badge" data-testid="comments-unread" aria-hidden="true">
            {unreadCount}
          </span>
        )}
      </button>
    </div>
  )
}

function CommentIcon() {
  return (
    <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
      <path
        d="M4 4.5h12a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5H9l-4 3v-3H4A1.5 1.5 0 0 1 2.5 13V6A1.5 1.5 0 0 1 4 4.5Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
      <path
        d="M10 7.3v4.4M7.8 9.5h4.4"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  )
}

function ThreadsIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
      <path
        d="M3 4h10a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H7.5L4.5 14.5V12H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path
        d="M16 7.5h1a1 1 0 0 1 1 1V14a1 1 0 0 1-1 1h-1v2.2L13.3 15H9.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  )
}
