import { useEffect, useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { takeNewReactions, type ShownReaction } from './reactionFeed'

/** How long a reaction floats before it is gone (the CSS animation lasts as long). */
export const ReactionMs = 2000

/** Everyone's reactions (mine too), floating up and fading where they were placed. */
export function FloatingReactions({ awareness }: { awareness: Awareness }) {
  const editor = useEditor()
  const [shown, setShown] = useState<ShownReaction[]>([])

  useEffect(() => {
    const seen = new Map<number, number>()
    takeNewReactions(seen, awareness.getStates(), false)
    const timers = new Set<ReturnType<typeof setTimeout>>()
    const onChange = () => {
      const fresh = takeNewReactions(seen, awareness.getStates())
      if (fresh.length === 0) return
      setShown((current) => [...current, ...fresh])
      const timer = setTimeout(() => {
        timers.delete(timer)
        const gone = new Set(fresh.map((r) => r.key))
        setShown((current) => current.filter((r) => !gone.has(r.key)))
      }, ReactionMs)
      timers.add(timer)
    }
    awareness.on('change', onChange)
    return () => {
      awareness.off('change', onChange)
      for (const timer of timers) clearTimeout(timer)
    }
  }, [awareness])

  const placed = useValue(
    'reaction places',
    () => {
      editor.getCamera()
      return shown.map((r) => ({ ...r, at: editor.pageToViewport({ x: r.x, y: r.y }) }))
    },
    [editor, shown],
  )

  return (
    <div className="floating-reactions" aria-hidden="true">
      {placed.map((r) => (
        <span
          key={r.key}
          className="floating-reaction"
          data-testid="floating-reaction"
          data-emoji={r.emoji}
          style={{ left: r.at.x, top: r.at.y }}
        >
          {r.emoji}
        </span>
      ))}
    </div>
  )
}
