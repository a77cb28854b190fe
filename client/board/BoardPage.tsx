import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { createUserId, type Editor } from 'tldraw'
import { CloseCodes } from '../../shared/protocol/closeCodes'
import type { BoardSync } from '../sync/BoardSync'
import type { Participant } from '../sync/participants'
import { BoardEditor } from './BoardEditor'
import { CanvasMenu } from './CanvasMenu'
import { BoardHeader } from './BoardHeader'
import { BoardLoading } from './BoardLoading'
import { BoardNotFound } from './BoardNotFound'
import { useBoardInfo } from './useBoardInfo'
import { useBoardSync, useBoardSyncState, useParticipants } from './useBoardSync'

/** One board: header, live editor, and a not-found page if the server refuses it. */
export function BoardPage({ boardId }: { boardId: string }) {
  const info = useBoardInfo(boardId)
  const title = info.status === 'found' ? info.board.title : null

  useEffect(() => {
    document.title = title ? `${title} · Discovery Board` : 'Discovery Board'
    return () => {
      document.title = 'Discovery Board'
    }
  }, [title])

  if (info.status === 'missing' || info.status === 'deleted') {
    return <BoardNotFound reason={info.status} />
  }
  return <BoardSession boardId={boardId} title={title} />
}

function BoardSession({ boardId, title }: { boardId: string; title: string | null }) {
  const sync = useBoardSync(boardId)
  if (!sync) return <BoardFrame title={title} />
  return <SyncedBoard boardId={boardId} sync={sync} title={title} />
}

function SyncedBoard({
  boardId,
  sync,
  title,
}: {
  boardId: string
  sync: BoardSync
  title: string | null
}) {
  const state = useBoardSyncState(sync)
  const participants = useParticipants(sync)
  const [editor, setEditor] = useState<Editor | null>(null)

  const goToParticipant = useCallback(
    (participant: Participant) => {
      editor?.zoomToUser(createUserId(participant.user.id))
    },
    [editor],
  )

  if (state.status === 'not-found') {
    const deleted = state.closeCode === CloseCodes.BoardDeleted.code
    return <BoardNotFound reason={deleted ? 'deleted' : 'missing'} />
  }

  return (
    <BoardFrame
      title={title}
      header={
        <BoardHeader
          title={title}
          status={state.status}
          participants={participants}
          onSelectParticipant={editor ? goToParticipant : undefined}
          actions={editor && <CanvasMenu editor={editor} doc={sync.doc} boardId={boardId} />}
        />
      }
    >
      {state.ready ? (
        <BoardEditor boardId={boardId} sync={sync} onEditor={setEditor} />
      ) : (
        <BoardLoading status={state.status} />
      )}
    </BoardFrame>
  )
}

function BoardFrame({
  title,
  header,
  children,
}: {
  title: string | null
  header?: ReactNode
  children?: ReactNode
}) {
  return (
    <div className="board-page" data-testid="board-page">
      {header ?? <BoardHeader title={title} status="connecting" participants={[]} />}
      <main className="board-canvas">{children ?? <BoardLoading status="connecting" />}</main>
    </div>
  )
}
