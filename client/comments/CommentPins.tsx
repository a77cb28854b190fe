import { useEffect, useState } from 'react'
import { atom, react, useValue, type Editor } from 'tldraw'
import type { Thread } from '../../shared/comments/comments'
import { pinPagePoint } from './commentTargets'

interface CommentPinsProps {
  editor: Editor
  /** The open threads whose target is on the board. */
  threads: readonly Thread[]
  unread: ReadonlySet<string>
  openThreadId: string | null
  onOpen: (threadId: string) => void
  /** Changes whenever the board's content may have moved an item, metric or step. */
  contentVersion: number
}

/** Where each pin is on screen (viewport pixels), recomputed as the camera and shapes move. */
export function usePinPositions(
  editor: Editor,
  threads: readonly Thread[],
  contentVersion: number,
): Map<string, { x: number; y: number }> {
  // Items, metrics and steps are found in the canvas as drawn: read again a frame after the
  // canvas re-rendered (content changed, or the camera brought a canvas into view).
  const [layout] = useState(() => atom('comment pin layout', 0))
  const inCanvases = threads.some((t) => t.target.kind !== 'shape' && t.target.kind !== 'point')
  useEffect(() => {
    if (!inCanvases) return
    let frame = 0
    const later = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => layout.update((n) => n + 1))
    }
    later()
    const stop = react('comment pins follow the camera', () => {
      editor.getCamera()
      later()
    })
    return () => {
      stop()
      cancelAnimationFrame(frame)
    }
  }, [editor, inCanvases, layout, contentVersion])
  return useValue(
    'comment pin positions',
    () => {
      layout.get()
      const positions = new Map<string, { x: number; y: number }>()
      for (const thread of threads) {
        const at = pinPagePoint(editor, thread.target)
        if (at) positions.set(thread.id, editor.pageToViewport(at))
      }
      return positions
    },
    [editor, threads, layout],
  )
}

/**
 * A pin for every open thread at what it is pinned to, with its number of comments, drawn over
 * the board in screen space so it keeps its size at any zoom.
 */
export function CommentPins({
  editor,
  threads,
  unread,
  openThreadId,
  onOpen,
  contentVersion,
}: CommentPinsProps) {
  const positions = usePinPositions(editor, threads, contentVersion)
  return (
    <div className="comment-pins">
      {threads.map((thread) => {
        const at = positions.get(thread.id)
        if (!at) return null
        const count = thread.comments.filter((c) => c.deletedAt === null).length
        const isUnread = unread.has(thread.id)
        return (
          <button
            key={thread.id}
            type="button"
            className={`comment-pin${isUnread ? ' is-unread' : ''}${openThreadId === thread.id ? ' is-open' : ''}`}
            style={{ transform: `translate(${at.x}px, ${at.y}px)` }}
            aria-label={`Comments by ${thread.by.name}: ${count}${isUnread ? ', unread' : ''}`}
            data-testid="comment-pin"
            data-thread-id={thread.id}
            data-unread={isUnread}
            onPointerDown={(event) => event.stopPropagation()}
            onClick={() => onOpen(thread.id)}
          >
            <span className="comment-pin-count">{count}</span>
          </button>
        )
      })}
    </div>
  )
}
