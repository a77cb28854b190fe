import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { createUserId, type Editor } from 'tldraw'
import { RoleAbilities, type Role } from '../../shared/api/links'
import { CloseCodes } from '../../shared/protocol/closeCodes'
import { captureKeyFromUrl } from '../access/captureKeyFromUrl'
import { ShareDialog } from '../access/ShareDialog'
import type { BoardSync } from '../sync/BoardSync'
import type { Participant } from '../sync/participants'
import { BoardEditor, type BoardNotice } from './BoardEditor'
import { BoardMenu } from './BoardMenu'
import { BoardTitle } from './BoardTitle'
import { TemplatePicker } from './TemplatePicker'
import { useLiveTitle } from './useLiveTitle'
import { BoardHeader } from './BoardHeader'
import { BoardLoading } from './BoardLoading'
import { BoardDeleted } from './BoardDeleted'
import { BoardNotFound } from './BoardNotFound'
import { TooLargeDialog } from './TooLargeDialog'
import { workshopAction } from '../api/workshop'
import { useUiStore } from '../state/uiStore'
import { useWorkshopState, useWorkshopSync } from '../workshop/useWorkshop'
import { FacilitationOverlay } from '../workshop/FacilitationOverlay'
import { WorkshopStrip } from '../workshop/WorkshopStrip'
import { isFacilitator } from '../../shared/workshop/workshopState'
import { RoleBadge } from './RoleBadge'
import { useBoardInfo } from './useBoardInfo'
import { CommentsButtons } from '../comments/CommentsButtons'
import { CommentsLayer } from '../comments/CommentsLayer'
import { DiffLayer } from '../history/diff/DiffLayer'
import { useBoardComments } from '../comments/useComments'
import { HistoryButton } from '../history/HistoryButton'
import { HistoryLayer } from '../history/HistoryLayer'
import { useBoardSync, useBoardSyncState, useParticipants } from './useBoardSync'
import './BoardPage.css'

/** One board: header, live editor, and a not-found page if the server refuses it. */
export function BoardPage({ boardId }: { boardId: string }) {
  // Before anything asks the server: the key in a link opens the board.
  useState(() => captureKeyFromUrl(boardId))
  // Counts restores from this page: each opens the board afresh.
  const [restored, setRestored] = useState(0)
  const reopen = useCallback(() => setRestored((n) => n + 1), [])
  return <OpenBoard key={restored} boardId={boardId} onRestored={reopen} />
}

function OpenBoard({ boardId, onRestored }: { boardId: string; onRestored: () => void }) {
  const info = useBoardInfo(boardId)
  const title = info.status === 'found' ? info.board.title : null
  const role = info.status === 'found' ? (info.board.role ?? null) : null

  useEffect(() => {
    document.title = title ? `${title} · Discovery Board` : 'Discovery Board'
    return () => {
      document.title = 'Discovery Board'
    }
  }, [title])

  if (info.status === 'missing') return <BoardNotFound reason="missing" />
  if (info.status === 'deleted') {
    return <BoardDeleted boardId={boardId} deletion={info.deletion} onRestored={onRestored} />
  }
  return <BoardSession boardId={boardId} title={title} role={role} onRestored={onRestored} />
}

interface SessionProps {
  boardId: string
  title: string | null
  /** This browser's role on the board, once the server said (null on an offline start). */
  role: Role | null
  /** The owner restored the board after it was deleted under them. */
  onRestored: () => void
}

function BoardSession(props: SessionProps) {
  // Counts the times this device's copy was discarded: each opens the board afresh.
  const [opening, setOpening] = useState(0)
  // What the board says once it opens again, when this device's copy was dropped for a reason.
  const [notice, setNotice] = useState<BoardNotice | null>(null)
  const sync = useBoardSync(props.boardId, opening)
  const reopen = useCallback((why?: BoardNotice) => {
    setNotice(why ?? null)
    setOpening((n) => n + 1)
  }, [])
  if (!sync) return <BoardFrame title={props.title} />
  return <SyncedBoard {...props} sync={sync} onReopen={reopen} notice={notice} />
}

/** Told in a toast once the board has opened again. */
const LockedChangeNotice: BoardNotice = {
  title: 'Locked by the facilitator',
  description:
    'A facilitator locked what you were changing, so your last change there was not saved. The board shows everyone’s current version.',
}

function SyncedBoard({
  boardId,
  sync,
  title: openedTitle,
  role,
  onReopen,
  notice,
  onRestored,
}: SessionProps & {
  sync: BoardSync
  onReopen: (why?: BoardNotice) => void
  notice: BoardNotice | null
}) {
  const state = useBoardSyncState(sync)
  // Renamed on any screen, the title changes here too.
  const title = useLiveTitle(sync.awareness, openedTitle)
  useEffect(() => {
    if (title) document.title = `${title} · Discovery Board`
  }, [title])
  const lockedChange = state.status === 'locked-change'
  // The server refused a change to locked content: sending it again would be refused again, so
  // this device's unsaved changes are dropped and the board opens from the server's copy.
  useEffect(() => {
    if (!lockedChange) return
    let cancelled = false
    void sync.discardLocalCopy().then(() => {
      if (!cancelled) onReopen(LockedChangeNotice)
    })
    return () => {
      cancelled = true
    }
  }, [lockedChange, sync, onReopen])
  const tooLarge = state.status === 'too-large'
  const [tooLargeOpen, setTooLargeOpen] = useState(false)
  // Asks once each time a change is refused; closed, the header's status opens it again.
  useEffect(() => {
    if (tooLarge) setTooLargeOpen(true)
  }, [tooLarge])
  const present = useParticipants(sync)
  // Your own presence does not come back from the server: your role is the board's answer.
  const participants = useMemo(
    () => present.map((p) => (p.isSelf ? { ...p, role, owner: role === 'owner' } : p)),
    [present, role],
  )
  const [editor, setEditor] = useState<Editor | null>(null)
  const [strip, setStrip] = useState<HTMLElement | null>(null)
  const [shareOpen, setShareOpen] = useState(false)
  const workshop = useWorkshopSync(sync)
  const workshopState = useWorkshopState(workshop)
  const selfId = useUiStore((s) => s.userId)
  const [headerError, setHeaderError] = useState<string | null>(null)
  const canEdit = role === null || RoleAbilities.edit(role)
  // On an open instance the server names no role: anyone who reaches it may comment.
  const canComment = role === null || RoleAbilities.comment(role)
  const comments = useBoardComments(boardId)
  const mentionable = useMemo(
    () => participants.map((p) => ({ id: p.user.id, name: p.user.name })),
    [participants],
  )
  // Share links and ingestion tokens are the owner's; the server refuses them to anyone else.
  const manages = role !== null && RoleAbilities.manage(role)
  // The owner facilitates, as the server's mark on their presence says; the others the owner
  // named in the workshop state.
  const facilitates = useCallback(
    (participantId: string, isOwner: boolean) =>
      workshopState !== null && isFacilitator(workshopState, { participantId, isOwner }),
    [workshopState],
  )
  const setFacilitator = useCallback(
    (participant: Participant, on: boolean) => {
      setHeaderError(null)
      workshopAction(boardId, {
        type: 'facilitator',
        participantId: participant.user.id,
        on,
      }).catch((e: unknown) => setHeaderError(e instanceof Error ? e.message : 'That did not work'))
    },
    [boardId],
  )

  // The server drops a viewer's or commenter's edits; the editor says so up front instead.
  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: !canEdit })
  }, [editor, canEdit])

  const goToParticipant = useCallback(
    (participant: Participant) => {
      editor?.zoomToUser(createUserId(participant.user.id))
    },
    [editor],
  )

  if (state.status === 'unreadable') return <BoardNotFound reason="unreadable" />
  if (state.status === 'not-found') {
    // Deleted while open here, or just before: the page asks who deleted it.
    if (state.closeCode === CloseCodes.BoardDeleted.code) {
      return <BoardDeleted boardId={boardId} onRestored={onRestored} />
    }
    return <BoardNotFound reason="missing" />
  }

  return (
    <BoardFrame
      title={title}
      strip={<WorkshopStrip onSlot={setStrip} />}
      header={
        <BoardHeader
          title={title}
          titleElement={
            <BoardTitle
              boardId={boardId}
              title={title}
              canRename={canEdit}
              onError={setHeaderError}
            />
          }
          status={state.status}
          onStatusOpen={tooLarge ? () => setTooLargeOpen(true) : undefined}
          participants={participants}
          onSelectParticipant={editor ? goToParticipant : undefined}
          isFacilitator={(p) => facilitates(p.user.id, p.owner)}
          onSetFacilitator={manages ? setFacilitator : undefined}
          actions={
            <>
              {editor && canEdit && <TemplatePicker editor={editor} doc={sync.doc} />}
              {editor && (
                <CommentsButtons comments={comments} me={selfId} canComment={canComment} />
              )}
              {editor && <HistoryButton />}
              {editor && (
                <BoardMenu
                  editor={editor}
                  doc={sync.doc}
                  boardId={boardId}
                  title={title}
                  canEdit={canEdit}
                  manages={manages}
                  webhooks={manages || facilitates(selfId, false)}
                />
              )}
              <RoleBadge role={role} facilitating={facilitates(selfId, role === 'owner')} />
              {headerError && (
                <span className="header-error" role="alert">
                  {headerError}
                </span>
              )}
            </>
          }
          mainAction={
            manages && (
              <>
                <button
                  type="button"
                  className="button button-small button-primary"
                  data-testid="share-board"
                  onClick={() => setShareOpen(true)}
                >
                  Share
                </button>
                <ShareDialog
                  boardId={boardId}
                  open={shareOpen}
                  onClose={() => setShareOpen(false)}
                />
              </>
            )
          }
        />
      }
    >
      <TooLargeDialog
        open={tooLarge && tooLargeOpen}
        sync={sync}
        title={title}
        closeCode={state.closeCode}
        onClose={() => setTooLargeOpen(false)}
        onDiscarded={() => onReopen()}
      />
      {state.ready ? (
        <>
          <BoardEditor
            boardId={boardId}
            sync={sync}
            workshop={workshop}
            role={role}
            onEditor={setEditor}
            notice={notice}
            title={title}
            strip={strip}
          />
          {editor && workshop && (
            <FacilitationOverlay
              boardId={boardId}
              editor={editor}
              workshop={workshop}
              role={role}
              selfId={selfId}
              strip={strip}
            />
          )}
          {editor && comments && (
            <CommentsLayer
              boardId={boardId}
              editor={editor}
              doc={sync.doc}
              comments={comments}
              me={selfId}
              canComment={canComment}
              present={mentionable}
            />
          )}
          {editor && <DiffLayer boardId={boardId} editor={editor} doc={sync.doc} />}
          {editor && <HistoryLayer boardId={boardId} editor={editor} canEdit={canEdit} />}
        </>
      ) : (
        <BoardLoading status={state.status} />
      )}
    </BoardFrame>
  )
}

function BoardFrame({
  title,
  header,
  strip,
  children,
}: {
  title: string | null
  header?: ReactNode
  /** Between the header and the canvas: the workshop strip. */
  strip?: ReactNode
  children?: ReactNode
}) {
  return (
    <div className="board-page" data-testid="board-page">
      {header ?? <BoardHeader title={title} status="connecting" participants={[]} />}
      {strip}
      <main className="board-canvas">{children ?? <BoardLoading status="connecting" />}</main>
    </div>
  )
}
