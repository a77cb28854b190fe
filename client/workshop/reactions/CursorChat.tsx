import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { presenceRecordId } from '../../sync/presence'
import { readChats, type ShownChat } from './reactionFeed'

/** How long a sent message stays at my cursor. */
export const ChatShownMs = 6000
const MaxChatLength = 280

/** Whether a key press happens while typing somewhere, where "/" is just a character. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
}

/**
 * Cursor chat: "/" on the board opens a small field at my cursor; Enter shows the message next
 * to my cursor on everyone else's screen for a few seconds, Escape drops it.
 */
export function CursorChat({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const [draft, setDraft] = useState<{ x: number; y: number } | null>(null)
  const [text, setText] = useState('')
  const [sent, setSent] = useState<{ text: string; at: number } | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
      if (isTyping(event.target) || editor.getEditingShapeId() !== null) return
      event.preventDefault()
      event.stopPropagation()
      const at = editor.pageToViewport(editor.inputs.getCurrentPagePoint())
      const bounds = editor.getViewportScreenBounds()
      // A pointer outside the board (or never on it) puts the field in the middle.
      const inside = at.x >= 0 && at.y >= 0 && at.x <= bounds.w && at.y <= bounds.h
      setDraft(inside ? at : { x: bounds.w / 2, y: bounds.h / 2 })
      setText('')
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [editor])

  useEffect(() => {
    if (draft) inputRef.current?.focus()
  }, [draft])

  useEffect(() => {
    if (!sent) return
    const timer = setTimeout(() => {
      if (readLocalChatAt(awareness) === sent.at) awareness.setLocalStateField('chat', null)
      setSent(null)
    }, ChatShownMs)
    return () => clearTimeout(timer)
  }, [sent, awareness])

  const close = () => {
    setDraft(null)
    setText('')
    editor.focus()
  }

  const submit = () => {
    const message = text.trim().slice(0, MaxChatLength)
    if (message) {
      const chat = { text: message, at: Date.now() }
      awareness.setLocalStateField('chat', chat)
      setSent(chat)
    }
    close()
  }

  return (
    <>
      <ChatBubbles awareness={awareness} />
      {draft && (
        <div
          className="cursor-chat-draft"
          style={{ transform: `translate(${draft.x + 14}px, ${draft.y + 14}px)` }}
        >
          <input
            ref={inputRef}
            className="cursor-chat-input"
            data-testid="cursor-chat-input"
            aria-label="Message at your cursor"
            placeholder="Say something… (Enter to send)"
            maxLength={MaxChatLength}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onBlur={close}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Enter') {
                event.preventDefault()
                submit()
              } else if (event.key === 'Escape') {
                event.preventDefault()
                close()
              }
            }}
          />
        </div>
      )}
    </>
  )
}

const readLocalChatAt = (awareness: Awareness) => {
  const chat = (awareness.getLocalState() as { chat?: { at?: unknown } } | null)?.chat
  return typeof chat?.at === 'number' ? chat.at : null
}

/** Everyone else's messages, each next to its sender's cursor. */
function ChatBubbles({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const chats = useChats(awareness)
  const placed = useValue(
    'chat places',
    () => {
      editor.getCamera()
      return chats.flatMap((chat) => {
        const cursor = editor.store.get(presenceRecordId(chat.clientId))?.cursor
        if (!cursor) return []
        return [{ ...chat, at: editor.pageToViewport(cursor) }]
      })
    },
    [editor, chats],
  )
  return (
    <>
      {placed.map((chat) => (
        <div
          key={chat.clientId}
          className="cursor-chat-bubble"
          data-testid="cursor-chat-bubble"
          role="status"
          aria-label={`${chat.name} says: ${chat.text}`}
          style={{
            // Under the name tag the editor draws by each cursor.
            translate: `${chat.at.x + 12}px ${chat.at.y + 44}px`,
            background: chat.color,
          }}
        >
          {chat.text}
        </div>
      ))}
    </>
  )
}

/** Others' chat messages from awareness, re-rendering on change. */
function useChats(awareness: Awareness): ShownChat[] {
  const [store] = useState(() => {
    let current: ShownChat[] = []
    return {
      subscribe(listener: () => void) {
        const onChange = () => {
          const next = readChats(awareness.getStates(), awareness.clientID)
          if (JSON.stringify(next) === JSON.stringify(current)) return
          current = next
          listener()
        }
        onChange()
        awareness.on('change', onChange)
        return () => awareness.off('change', onChange)
      },
      get: () => current,
    }
  })
  return useSyncExternalStore(store.subscribe, store.get)
}
