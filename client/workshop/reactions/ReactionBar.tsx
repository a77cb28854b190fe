import { useState } from 'react'
import { useEditor, type Editor } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { Reactions } from '../../../shared/protocol/awareness'
import './reactions.css'

const Names: Record<(typeof Reactions)[number], string> = {
  '👍': 'Thumbs up',
  '❤️': 'Love',
  '🎉': 'Celebrate',
  '😂': 'Laugh',
  '🤔': 'Hmm',
  '👀': 'Looking',
}

/** A reaction at the middle of my view, spread a little so a burst does not stack into one. */
function reactionAtView(editor: Editor, emoji: (typeof Reactions)[number]) {
  const centre = editor.getViewportPageBounds().center
  const jitter = () => ((Math.random() - 0.5) * 40) / editor.getZoomLevel()
  return { emoji, at: Date.now(), x: centre.x + jitter(), y: centre.y + jitter() }
}

/**
 * Emoji anyone but a viewer can send, behind one small button in the corner so they cover none
 * of the board until wanted: the reaction floats up on every screen at the middle of my view,
 * where I am looking. The row stays open for a burst; the button or Escape closes it.
 */
export function ReactionBar({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const [open, setOpen] = useState(false)
  const send = (emoji: (typeof Reactions)[number]) =>
    awareness.setLocalStateField('reaction', reactionAtView(editor, emoji))
  return (
    <div
      className="reaction-bar"
      data-open={open}
      data-testid="reaction-bar"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return
        event.stopPropagation()
        setOpen(false)
      }}
    >
      {open && <ReactionRow onSend={send} />}
      <button
        type="button"
        className="reaction-toggle"
        aria-label="Reactions"
        aria-expanded={open}
        title={open ? 'Hide reactions' : 'React, or press / on the board to chat'}
        data-testid="reaction-toggle"
        onClick={() => setOpen((was) => !was)}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="10" cy="10" r="7.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <circle cx="7.4" cy="8.4" r="1" fill="currentColor" />
          <circle cx="12.6" cy="8.4" r="1" fill="currentColor" />
          <path
            d="M6.8 11.6c.8 1.3 1.9 2 3.2 2s2.4-.7 3.2-2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
      </button>
    </div>
  )
}

function ReactionRow({ onSend }: { onSend: (emoji: (typeof Reactions)[number]) => void }) {
  return (
    <div className="reaction-row" role="toolbar" aria-label="Reactions">
      {Reactions.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="reaction-button"
          data-testid="reaction-button"
          aria-label={`React: ${Names[emoji]}`}
          title={Names[emoji]}
          onClick={() => onSend(emoji)}
        >
          {emoji}
        </button>
      ))}
      <span className="reaction-chat-hint" title="Press / on the board to chat at your cursor">
        <kbd>/</kbd> chat
      </span>
    </div>
  )
}
