import { useCallback, useEffect, useState } from 'react'
import {
  createBoard,
  deleteBoard,
  listBoards,
  renameBoard,
  restoreBoard,
  type BoardWithRole,
} from '../api/boards'
import { ApiError } from '../api/client'

export interface BoardsState {
  status: 'loading' | 'ready' | 'error'
  /** Each with this browser's role on it, which decides what the list offers. */
  boards: BoardWithRole[]
  deleted: BoardWithRole[]
  /** Why the lists could not be loaded. */
  loadError: string | null
}

const initialState: BoardsState = { status: 'loading', boards: [], deleted: [], loadError: null }

/**
 * The board lists and the actions on them. Every action re-reads both lists from the server
 * afterwards, so order and "recently deleted" always match what the server holds. Actions
 * throw ApiError for the caller to show.
 */
export function useBoards() {
  const [state, setState] = useState<BoardsState>(initialState)

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      const { boards, deleted } = await listBoards(signal)
      setState({ status: 'ready', boards, deleted, loadError: null })
    } catch (error) {
      if (signal?.aborted) return
      const message = error instanceof ApiError ? error.message : 'Could not load your boards.'
      setState((previous) => ({ ...previous, status: 'error', loadError: message }))
    }
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    void refresh(controller.signal)
    return () => controller.abort()
  }, [refresh])

  const create = useCallback(
    async (title: string) => {
      const board = await createBoard(title || undefined)
      await refresh()
      return board
    },
    [refresh],
  )

  const rename = useCallback(
    async (id: string, title: string) => {
      await renameBoard(id, title)
      await refresh()
    },
    [refresh],
  )

  const remove = useCallback(
    async (id: string) => {
      await deleteBoard(id)
      await refresh()
    },
    [refresh],
  )

  const restore = useCallback(
    async (id: string) => {
      await restoreBoard(id)
      await refresh()
    },
    [refresh],
  )

  return { ...state, refresh, create, rename, remove, restore }
}
