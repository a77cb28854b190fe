import { useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { BoardPresenceSchema } from '../../shared/api/boards'

/**
 * The board's title as the server publishes it on the board (so a rename shows on every screen
 * at once), or `initial` (the title the page read when it opened) until the server has said.
 */
export function useLiveTitle(awareness: Awareness, initial: string | null): string | null {
  const published = useSyncExternalStore(
    (onChange) => {
      awareness.on('change', onChange)
      return () => awareness.off('change', onChange)
    },
    () => publishedTitle(awareness),
  )
  return published ?? initial
}

function publishedTitle(awareness: Awareness): string | null {
  for (const state of awareness.getStates().values()) {
    const parsed = BoardPresenceSchema.safeParse(state)
    if (parsed.success) return parsed.data.board.title
  }
  return null
}
