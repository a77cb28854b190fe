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
 * A small bar of emoji anyone but a viewer can send: the reaction floats up on every screen at
 * the middle of my view, where I am looking.
 */
export function ReactionBar({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const send = (emoji: (typeof Reactions)[number]) =>
    awareness.setLocalStateField('reaction', reactionAtView(editor, emoji))
  return (
    <div className="reaction-bar" role="toolbar" aria-label="Reactions" data-testid="reaction-bar">
      {Reactions.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="reaction-button"
          data-testid="reaction-button"
          aria-label={`React: ${Names[emoji]}`}
          title={Names[emoji]}
          onClick={() => send(emoji)}
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
