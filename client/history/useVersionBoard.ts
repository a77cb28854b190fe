import { useCallback, useEffect, useState } from 'react'
import { versionDocument } from '../api/versions'
import { historyErrorText } from './historyErrors'
import { openVersionBoard, type VersionBoard } from './versionBoard'

/** A version being opened read-only: loading, open, or why it could not be. */
export type OpenedVersion =
  | { status: 'loading' }
  | { status: 'open'; board: VersionBoard }
  | { status: 'failed'; error: string; retry: () => void }

/**
 * Opens a version's whole board for as long as `versionId` is set: fetched once, held in its own
 * document, and disposed when another version opens or the view closes.
 */
export function useVersionBoard(boardId: string, versionId: string | null): OpenedVersion | null {
  const [opened, setOpened] = useState<{ versionId: string; state: OpenedVersion } | null>(null)
  const [attempt, setAttempt] = useState(0)
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  useEffect(() => {
    if (versionId === null) return
    const controller = new AbortController()
    let board: VersionBoard | null = null
    setOpened({ versionId, state: { status: 'loading' } })
    versionDocument(boardId, versionId, controller.signal).then(
      (update) => {
        if (controller.signal.aborted) return
        board = openVersionBoard(boardId, update)
        setOpened({ versionId, state: { status: 'open', board } })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setOpened({
          versionId,
          state: { status: 'failed', error: historyErrorText(error), retry },
        })
      },
    )
    return () => {
      controller.abort()
      board?.dispose()
      setOpened(null)
    }
  }, [boardId, versionId, attempt, retry])

  // Never a version other than the one asked for, even for the render before the effect runs.
  return versionId !== null && opened?.versionId === versionId ? opened.state : null
}
