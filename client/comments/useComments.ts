import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Thread } from '../../shared/comments/comments'
import { boardKeyOf } from '../access/boardKeys'
import { defaultSyncUrl } from '../sync/BoardSync'
import { CommentsSync } from '../sync/CommentsSync'
import { LastRead, type LastReadTimes } from './lastRead'

/** A board's comments and this person's reading of them, for as long as the page is open. */
export interface BoardComments {
  sync: CommentsSync
  lastRead: LastRead
}

/** Opens a board's comments for as long as the component is mounted. */
export function useBoardComments(boardId: string): BoardComments | null {
  const [comments, setComments] = useState<BoardComments | null>(null)
  useEffect(() => {
    const sync = new CommentsSync({
      boardId,
      serverUrl: defaultSyncUrl(),
      boardKey: boardKeyOf(boardId),
    })
    setComments({ sync, lastRead: new LastRead(boardId) })
    return () => {
      sync.dispose()
      setComments(null)
    }
  }, [boardId])
  return comments
}

const noThreads: readonly Thread[] = []
const noTimes: LastReadTimes = {}
const noSubscribe = () => () => undefined

/** Every thread of the board, newest activity first, re-rendering on change. */
export function useThreads(comments: BoardComments | null): readonly Thread[] {
  return useSyncExternalStore(
    comments?.sync.subscribe ?? noSubscribe,
    comments?.sync.getThreads ?? (() => noThreads),
  )
}

/** When this person last read each thread, re-rendering on change. */
export function useLastReadTimes(comments: BoardComments | null): LastReadTimes {
  return useSyncExternalStore(
    comments?.lastRead.subscribe ?? noSubscribe,
    comments?.lastRead.getTimes ?? (() => noTimes),
  )
}
