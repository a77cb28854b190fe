import { useEffect, useState } from 'react'
import {
  BoardIdSchema,
  DeletedBoardDetailsSchema,
  type DeletedBoardDetails,
} from '../../shared/api/boards'
import { getBoard, type BoardWithRole } from '../api/boards'
import { ApiError } from '../api/client'

export type BoardInfo =
  | { status: 'loading' }
  | { status: 'found'; board: BoardWithRole }
  | { status: 'missing' }
  /** Deleted; who and when, as the server says (null when it did not). */
  | { status: 'deleted'; deletion: DeletedBoardDetails | null }
  /** Could not ask (offline, server down): the board may still open from the local copy. */
  | { status: 'unknown' }

/** Who deleted a board and when, from the server's 410 answer. */
export function deletionOf(error: ApiError): DeletedBoardDetails | null {
  const parsed = DeletedBoardDetailsSchema.safeParse(error.details)
  return parsed.success ? parsed.data : null
}

/** The board's metadata (title) from the REST API. */
export function useBoardInfo(boardId: string): BoardInfo {
  const validId = BoardIdSchema.safeParse(boardId).success
  const [info, setInfo] = useState<BoardInfo>(
    validId ? { status: 'loading' } : { status: 'missing' },
  )

  useEffect(() => {
    if (!validId) return
    const controller = new AbortController()
    getBoard(boardId, controller.signal).then(
      (board) =>
        setInfo(
          board.deletedAt
            ? {
                status: 'deleted',
                deletion: { deletedAt: board.deletedAt, deletedBy: board.deletedBy },
              }
            : { status: 'found', board },
        ),
      (error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiError && error.code === 'gone') {
          setInfo({ status: 'deleted', deletion: deletionOf(error) })
        } else if (error instanceof ApiError && error.status === 404) setInfo({ status: 'missing' })
        else setInfo({ status: 'unknown' })
      },
    )
    return () => controller.abort()
  }, [boardId, validId])

  return info
}
