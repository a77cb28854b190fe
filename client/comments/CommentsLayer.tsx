import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useValue, type Box, type Editor } from 'tldraw'
import type * as Y from 'yjs'
import type { CanvasContent } from '../../shared/canvases/schema'
import type { CommentTarget, Thread } from '../../shared/comments/comments'
import { getBoardCanvases } from '../../shared/doc/canvasMap'
import { readCanvas } from '../../shared/doc/canvasDoc'
import { startThread } from '../api/comments'
import { useCommentsUi } from '../state/commentsUi'
import { CommentBox } from './CommentBox'
import { CommentPins, usePinPositions } from './CommentPins'
import { CommentsPanel } from './CommentsPanel'
import { partTargetOf, pinPagePoint, targetAt, targetExists, targetOutline } from './commentTargets'
import { mentionablePeople, type Mentionable } from './mentions'
import { ThreadView } from './ThreadView'
import { isUnread } from './unread'
import { useLastReadTimes, useThreads, type BoardComments } from './useComments'
import './comments.css'

interface CommentsLayerProps {
  boardId: string
  editor: Editor
  doc: Y.Doc
  comments: BoardComments
  me: string
  canComment: boolean
  /** Who is on the board now; with everyone who commented, the people `@` suggests. */
  present: readonly Mentionable[]
}

/**
 * The board's comments over the editor: a pin per open thread, the thread shown from a pin or
 * the panel, the composer of a new thread, and the panel of every thread.
 */
export function CommentsLayer({
  boardId,
  editor,
  doc,
  comments,
  me,
  canComment,
  present,
}: CommentsLayerProps) {
  const threads = useThreads(comments)
  const people = useMemo(
    () =>
      mentionablePeople(
        present,
        threads.flatMap((t) => t.comments.map((c) => c.by)),
        me,
      ),
    [present, threads, me],
  )
  // Names to show mentions by: everyone present or who commented, oneself included.
  const names = useMemo(() => {
    const byId = new Map<string, string>()
    for (const p of [...present, ...threads.flatMap((t) => t.comments.map((c) => c.by))]) {
      if (!byId.has(p.id)) byId.set(p.id, p.name)
    }
    return byId
  }, [present, threads])
  const lastRead = useLastReadTimes(comments)
  const ui = useCommentsUi()
  const contentVersion = useDocVersion(doc)
  // A new set whenever a shape of the page comes or goes.
  const shapeIds = useValue('shape ids', () => editor.getCurrentPageShapeIds(), [editor])

  // Which threads are on something no longer on the board (they stay in the panel).
  const missing = useMemo(() => {
    void contentVersion
    void shapeIds
    const canvases = getBoardCanvases(doc)
    const read = new Map<string, CanvasContent | undefined>()
    const canvas = (id: string) => {
      if (!read.has(id)) {
        const map = canvases.get(id)
        read.set(id, map ? readCanvas(id, map) : undefined)
      }
      return read.get(id)
    }
    return new Set(threads.filter((t) => !targetExists(editor, t.target, canvas)).map((t) => t.id))
  }, [threads, editor, doc, contentVersion, shapeIds])
  const unread = useMemo(
    () => new Set(threads.filter((t) => isUnread(t, me, lastRead[t.id])).map((t) => t.id)),
    [threads, me, lastRead],
  )
  const pinned = useMemo(
    () => threads.filter((t) => t.resolvedAt === null && !missing.has(t.id)),
    [threads, missing],
  )
  const openThread = threads.find((t) => t.id === ui.openThreadId) ?? null

  // A thread shown is read, and stays read as new comments arrive while it is open.
  useEffect(() => {
    if (openThread) comments.lastRead.markRead(openThread)
  }, [openThread, comments])

  useCommentShortcuts(editor, canComment)
  const setCanComment = ui.setCanComment
  useEffect(() => setCanComment(canComment), [setCanComment, canComment])

  // Closes what belongs to this board when the board goes.
  const reset = ui.reset
  useEffect(() => reset, [reset])

  const goToThread = (thread: Thread) => {
    ui.openThread(thread.id)
    // The pin goes to the middle of what the panel leaves of the board.
    const centre = (point: { x: number; y: number }) => ({
      x: point.x + (ui.panelOpen ? PanelWidth / 2 / editor.getZoomLevel() : 0),
      y: point.y,
    })
    const at = pinPagePoint(editor, thread.target)
    if (!at) return
    editor.centerOnPoint(centre(at))
    // An item, metric or step is found in its canvas as drawn, and a canvas out of view is not
    // drawn: once it is, look again and centre on the element itself.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const drawn = pinPagePoint(editor, thread.target)
        if (drawn && Math.hypot(drawn.x - at.x, drawn.y - at.y) > 1) {
          editor.centerOnPoint(centre(drawn), { animation: { duration: 200 } })
        }
      }),
    )
  }

  return (
    <>
      <CommentPins
        editor={editor}
        threads={pinned}
        unread={unread}
        openThreadId={ui.openThreadId}
        onOpen={(id) => ui.openThread(ui.openThreadId === id ? null : id)}
        contentVersion={contentVersion}
      />
      {ui.placing && <CommentPlacer editor={editor} />}
      {ui.draft && canComment && (
        <Floating editor={editor} at={ui.draft.at} panelOpen={ui.panelOpen}>
          <div className="comment-popover" data-testid="comment-composer">
            <CommentBox
              label="Comment"
              placeholder="Add a comment… (@ to mention)"
              submitLabel="Comment"
              people={people}
              autoFocus
              onCancel={() => ui.startDraft(null)}
              onSubmit={async (text, mentions) => {
                const thread = await startThread(boardId, ui.draft!.target, { text, mentions })
                ui.openThread(thread.id)
              }}
            />
          </div>
        </Floating>
      )}
      {openThread && (
        <ThreadPopover editor={editor} thread={openThread} panelOpen={ui.panelOpen}>
          <ThreadView
            boardId={boardId}
            thread={openThread}
            me={me}
            canComment={canComment}
            people={people}
            names={names}
            targetMissing={missing.has(openThread.id)}
            onClose={() => ui.openThread(null)}
          />
        </ThreadPopover>
      )}
      {ui.panelOpen && (
        <CommentsPanel
          editor={editor}
          threads={threads}
          unread={unread}
          missing={missing}
          tab={ui.panelTab}
          onTab={ui.setPanelTab}
          openThreadId={ui.openThreadId}
          onOpen={goToThread}
          onClose={() => ui.setPanelOpen(false)}
          canComment={canComment}
        />
      )}
    </>
  )
}

/** A number that changes after every change to the board's document. */
function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let frame = 0
    const onUpdate = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setVersion((n) => n + 1))
    }
    doc.on('update', onUpdate)
    return () => {
      doc.off('update', onUpdate)
      cancelAnimationFrame(frame)
    }
  }, [doc])
  return version
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Ctrl+Alt+M (⌘⌥M), as in document editors: a comment on what has focus. */
const isCommentOnFocusKey = (event: KeyboardEvent) =>
  event.code === 'KeyM' && event.altKey && (event.ctrlKey || event.metaKey) && !event.shiftKey

/**
 * What a comment started from the keyboard is about: the item, metric or step whose field has
 * focus, else the one shape selected, else the middle of the view.
 */
function focusedTarget(editor: Editor): CommentTarget {
  const focused = document.activeElement
  const part = focused ? partTargetOf(editor, focused) : null
  if (part) return part
  const selected = editor.getSelectedShapeIds()
  if (selected.length === 1) return { kind: 'shape', shapeId: selected[0]! }
  const centre = editor.getViewportPageBounds().center
  return { kind: 'point', x: Math.round(centre.x), y: Math.round(centre.y) }
}

/**
 * C starts placing a comment (when not typing); Escape stops. Ctrl+Alt+M opens the composer on
 * what has focus, even while typing in a canvas field.
 */
function useCommentShortcuts(editor: Editor, canComment: boolean) {
  useEffect(() => {
    if (!canComment) return
    const onKeyDown = (event: KeyboardEvent) => {
      const { placing, setPlacing } = useCommentsUi.getState()
      if (event.key === 'Escape' && placing) {
        setPlacing(false)
        return
      }
      if (event.key !== 'c' || event.metaKey || event.ctrlKey || event.altKey || event.shiftKey) {
        return
      }
      if (isTyping(event.target) || editor.getEditingShapeId() !== null) return
      event.preventDefault()
      setPlacing(!placing)
    }
    // Before the fields of canvases, which keep their keys from the board's shortcuts.
    const onCommentKey = (event: KeyboardEvent) => {
      if (!isCommentOnFocusKey(event)) return
      event.preventDefault()
      event.stopPropagation()
      const target = focusedTarget(editor)
      const at = pinPagePoint(editor, target)
      if (at) useCommentsUi.getState().startDraft({ target, at })
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keydown', onCommentKey, true)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keydown', onCommentKey, true)
    }
  }, [editor, canComment])
}

/**
 * While placing a comment, a click on the board picks what it is about, outlined as the pointer
 * moves over it; the wheel still pans and zooms the board.
 */
function CommentPlacer({ editor }: { editor: Editor }) {
  const [outline, setOutline] = useState<Box | null>(null)
  useEffect(() => {
    const canvas = editor.getContainer().querySelector('.tl-canvas')
    const onBoard = (event: PointerEvent) =>
      event.target instanceof Node && canvas?.contains(event.target) === true
    const onPointerDown = (event: PointerEvent) => {
      if (!onBoard(event) || event.button !== 0) return
      event.preventDefault()
      event.stopPropagation()
      const client = { x: event.clientX, y: event.clientY }
      const target = targetAt(editor, client)
      const at = pinPagePoint(editor, target) ?? editor.screenToPage(client)
      useCommentsUi.getState().startDraft({ target, at })
    }
    const onPointerMove = (event: PointerEvent) => {
      if (!onBoard(event)) return setOutline(null)
      const target = targetAt(editor, { x: event.clientX, y: event.clientY })
      setOutline(targetOutline(editor, target))
    }
    window.addEventListener('pointerdown', onPointerDown, true)
    window.addEventListener('pointermove', onPointerMove, { passive: true })
    editor.getContainer().classList.add('is-placing-comment')
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true)
      window.removeEventListener('pointermove', onPointerMove)
      editor.getContainer().classList.remove('is-placing-comment')
    }
  }, [editor])
  return (
    <div className="comment-placer" data-testid="comment-placer">
      {outline && (
        <div
          className="comment-placer-outline"
          style={{
            transform: `translate(${outline.x}px, ${outline.y}px)`,
            width: outline.w,
            height: outline.h,
          }}
        />
      )}
      <span className="comment-placer-hint">
        Click a shape, an item or the board to comment · Esc to stop
      </span>
    </div>
  )
}

const PopoverWidth = 320
const PanelWidth = 340

/** A popover beside a page point, kept inside the board as the camera moves. */
function Floating({
  editor,
  at,
  panelOpen,
  children,
}: {
  editor: Editor
  at: { x: number; y: number } | null
  panelOpen: boolean
  children: ReactNode
}) {
  const position = useValue(
    'comment popover',
    () => {
      const viewport = editor.getViewportScreenBounds()
      const right = viewport.w - (panelOpen ? PanelWidth : 0) - PopoverWidth - 12
      if (!at) return { x: Math.max(12, right), y: 12 }
      const point = editor.pageToViewport(at)
      return {
        x: Math.min(Math.max(12, point.x + 18), Math.max(12, right)),
        y: Math.min(Math.max(12, point.y - 8), Math.max(12, viewport.h - 360)),
      }
    },
    [editor, at, panelOpen],
  )
  return (
    <div
      className="comment-floating"
      style={{ transform: `translate(${position.x}px, ${position.y}px)`, width: PopoverWidth }}
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        // Keys typed in a thread are the thread's: the board must not take them as shortcuts.
        event.stopPropagation()
      }}
    >
      {children}
    </div>
  )
}

/** A thread beside its pin (or at the side while its pin is not on the board). */
function ThreadPopover({
  editor,
  thread,
  panelOpen,
  children,
}: {
  editor: Editor
  thread: Thread
  panelOpen: boolean
  children: ReactNode
}) {
  const positions = usePinPositions(editor, [thread], 0)
  const pinned = thread.resolvedAt === null && positions.has(thread.id)
  const at = useValue(
    'thread anchor',
    () => (pinned ? pinPagePoint(editor, thread.target) : null),
    [editor, thread, pinned],
  )
  return (
    <Floating editor={editor} at={at} panelOpen={panelOpen}>
      <div
        className="comment-popover"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return
          useCommentsUi.getState().openThread(null)
          // Back to where the thread was opened from: its line in the panel, or its pin.
          const opener = [
            `.comments-panel [data-thread-id="${thread.id}"]`,
            `.comment-pins [data-thread-id="${thread.id}"]`,
          ]
          requestAnimationFrame(() => {
            for (const selector of opener) {
              const element = document.querySelector<HTMLElement>(selector)
              if (element) return element.focus()
            }
          })
        }}
      >
        {children}
      </div>
    </Floating>
  )
}
