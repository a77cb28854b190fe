import { useEffect, useState, useSyncExternalStore } from 'react'
import { createBoardSchema } from '../../shared/doc/boardSchema'
import { boardKeyOf } from '../access/boardKeys'
import { BoardSync, type BoardSyncState } from '../sync/BoardSync'
import type { Participant } from '../sync/participants'
import { useUiStore } from '../state/uiStore'

/**
 * Opens a board's sync for as long as the component is mounted, and again whenever `opening`
 * changes (after this device's copy was discarded). Everything is created and destroyed in one
 * effect: under StrictMode the first instance is disposed before the second starts, and
 * nothing outlives the page.
 */
export function useBoardSync(boardId: string, opening = 0): BoardSync | null {
  const [sync, setSync] = useState<BoardSync | null>(null)

  useEffect(() => {
    const { userId, participantSecret, name, color } = useUiStore.getState()
    const created = new BoardSync({
      boardId,
      user: { id: userId, name, color },
      schema: createBoardSchema(),
      boardKey: boardKeyOf(boardId),
      participantSecret,
    })
    setSync(created)
    const stopFollowingUser = useUiStore.subscribe((state) =>
      created.setUser({ id: state.userId, name: state.name, color: state.color }),
    )
    return () => {
      stopFollowingUser()
      created.dispose()
      setSync(null)
    }
  }, [boardId, opening])

  return sync
}

/** The sync's connection state, re-rendering on change. */
export function useBoardSyncState(sync: BoardSync): BoardSyncState {
  return useSyncExternalStore(sync.subscribe, sync.getState)
}

/** Everyone on the board, you first. */
export function useParticipants(sync: BoardSync): Participant[] {
  return useSyncExternalStore(sync.subscribe, sync.getParticipants)
}
