import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { atom, Tldraw, useToasts, type Editor, type TLComponents, type TLShape } from 'tldraw'
import { AcceptedImageTypes, DefaultLimits } from '../../shared/protocol/limits'
import { boardShapeUtils } from '../shapes/boardShapeUtils'
import {
  CanvasEnvironmentContext,
  type CanvasEnvironment,
} from '../shapes/canvas/CanvasEnvironment'
import { CanvasShapeReconciler } from '../shapes/canvas/CanvasShapeReconciler'
import { EditingIndex } from '../shapes/canvas/EditingIndex'
import { FocusRequests } from '../shapes/canvas/FocusRequests'
import type { BoardSync } from '../sync/BoardSync'
import { CommentContextMenu } from '../comments/CommentContextMenu'
import { DiffOverlay } from '../history/diff/DiffOverlay'
import { BoardExportContext } from '../export/BoardExportContext'
import { exportNameOverrides } from '../export/exportNameOverrides'
import { ExportStatus } from '../export/ExportStatus'
import { ChangeSizeGuard } from './ChangeSizeGuard'
import { ContextualStylePanel } from './ContextualStylePanel'
import { WorkshopStripSlot } from '../workshop/WorkshopStrip'
import { EditorUserPreferences } from './EditorUserPreferences'
import { UploadFailures } from './UploadFailures'
import { RoleAbilities, type Role } from '../../shared/api/links'
import { boardRoleOf } from '../access/boardKeys'
import { useUiStore } from '../state/uiStore'
import { CanvasWorkshopProvider } from '../workshop/CanvasWorkshopProvider'
import { useWorkshopState } from '../workshop/useWorkshop'
import type { WorkshopSync } from '../workshop/WorkshopSync'
import { isNoteHidden } from '../workshop/privateMode/itemPrivacy'
import { isPrivateNewNote, stampNewShapes } from '../workshop/privateMode/notePrivacy'
import { BoardPrivateBanner, PrivateBanners } from '../workshop/privateMode/PrivateBanners'
import type { PrivateScope } from '../workshop/privateMode/privateVisibility'
import { LockedFrameMarks } from '../workshop/LockedFrameMarks'
import { CursorChat } from '../workshop/reactions/CursorChat'
import { FloatingReactions } from '../workshop/reactions/FloatingReactions'
import { ReactionBar } from '../workshop/reactions/ReactionBar'
import { NoteVotes } from '../workshop/voting/NoteVotes'
import { VoteResults } from '../workshop/voting/VoteResults'
import { VotesLeft } from '../workshop/voting/VotesLeft'
import { useWorkshopView, WorkshopViewProvider } from '../workshop/voting/WorkshopView'

declare global {
  interface Window {
    /** The live editor, as tldraw's own debug tools expose it; handy for tests and support. */
    editor?: Editor
  }
}

// Fonts, icons and translations are bundled and served from this origin, never a CDN.
const assetUrls = getAssetUrlsByImport()

/** The workshop's layer over the board: votes, results, private mode, reactions and chat. */
function WorkshopOverlay() {
  const view = useWorkshopView()
  if (!view) return null
  const canReact = RoleAbilities.comment(view.role)
  return (
    <div className="workshop-overlay" data-voting={view.state?.voting?.status ?? 'none'}>
      <LockedFrameMarks />
      <PrivateBanners />
      <NoteVotes />
      <div className="workshop-bottom-stack">
        <BoardPrivateBanner />
        <VotesLeft />
      </div>
      <VoteResults />
      <FloatingReactions awareness={view.awareness} />
      <CursorChat awareness={view.awareness} />
      {canReact && <ReactionBar awareness={view.awareness} />}
    </div>
  )
}

/** What is drawn over the board: what changed, under the workshop's layer. */
function BoardOverlay() {
  return (
    <>
      <DiffOverlay />
      <WorkshopOverlay />
    </>
  )
}

// The board header shows people and connection state, so tldraw's own share panel is hidden.
const components: TLComponents = {
  SharePanel: null,
  StylePanel: ContextualStylePanel,
  InFrontOfTheCanvas: BoardOverlay,
  ContextMenu: CommentContextMenu,
}

const noVideos: string[] = []

type NoteTarget = { canvasId: string; boxKey: string } | null

interface BoardEditorProps {
  boardId: string
  sync: BoardSync
  /** The board's workshop (timer, votes, private mode…), once connected. */
  workshop: WorkshopSync | null
  /** This browser's role on the board; null until the server said (or offline). */
  role: Role | null
  onEditor: (editor: Editor | null) => void
  /** The board's title, which exports are named after; null until known. */
  title?: string | null
  /** Said in a toast once the editor shows (why the board was opened again). */
  notice?: BoardNotice | null
  /** The workshop strip above the canvas, where vote results show. */
  strip?: HTMLElement | null
}

/** A message the board page has for the person when the editor opens. */
export interface BoardNotice {
  title: string
  description: string
}

/** Shows `notice` once as a toast. */
function NoticeToast({ notice }: { notice: BoardNotice | null }) {
  const { addToast } = useToasts()
  useEffect(() => {
    if (notice) addToast({ ...notice, severity: 'warning' })
  }, [notice, addToast])
  return null
}

/** The tldraw editor on the board's synced store. */
export function BoardEditor({
  boardId,
  sync,
  workshop,
  role,
  onEditor,
  notice = null,
  title = null,
  strip = null,
}: BoardEditorProps) {
  const [noteDropTarget] = useState(() => atom<NoteTarget>('sticky drop target', null))
  const shapeUtils = useMemo(
    () => boardShapeUtils({ doc: sync.doc, drafts: sync.drafts?.doc ?? null, noteDropTarget }),
    [sync.doc, sync.drafts, noteDropTarget],
  )
  const editing = useEditingIndex(sync)
  const environment = useMemo<CanvasEnvironment | null>(
    () =>
      editing && {
        doc: sync.doc,
        drafts: sync.drafts?.doc ?? null,
        boardId,
        focus: new FocusRequests(),
        editing,
        noteDropTarget,
      },
    [sync.doc, sync.drafts, boardId, editing, noteDropTarget],
  )

  const me = useUiStore((s) => s.userId)
  // On an open instance the server names no role: anyone who reaches it may edit.
  const effectiveRole = role ?? boardRoleOf(boardId) ?? 'edit'
  const workshopState = useWorkshopState(workshop)
  const [privacy] = useState(() =>
    atom<{ scopes: readonly PrivateScope[]; me: string }>('private mode', { scopes: [], me: '' }),
  )
  const privateScopes = workshopState?.privateScopes
  useEffect(() => {
    privacy.set({ scopes: privateScopes ?? [], me })
  }, [privacy, privateScopes, me])
  // A sticky I add inside a private scope goes to my drafts, never to the board.
  useEffect(() => {
    sync.setPrivateRecords((record) => {
      const { scopes, me } = privacy.get()
      return isPrivateNewNote(sync.store, record, scopes, me)
    })
    return () => sync.setPrivateRecords(() => false)
  }, [sync, privacy])
  // Read at creation time: the workshop connects after the editor mounts.
  const workshopRef = useRef(workshop)
  useEffect(() => {
    workshopRef.current = workshop
  }, [workshop])
  // Read through an atom so the editor re-checks visibility when private mode changes.
  const getShapeVisibility = useCallback(
    (shape: TLShape, editor: Editor) => {
      const { scopes, me } = privacy.get()
      return isNoteHidden(editor, shape, scopes, me) ? 'hidden' : 'inherit'
    },
    [privacy],
  )

  const handleMount = useCallback(
    (editor: Editor) => {
      window.editor = editor
      onEditor(editor)
      const reconciler = new CanvasShapeReconciler(editor, sync.doc)
      const stopStamping = stampNewShapes(editor, () => ({
        by: useUiStore.getState().userId,
        at: workshopRef.current?.serverNow() ?? Date.now(),
      }))
      return () => {
        stopStamping()
        reconciler.dispose()
        if (window.editor === editor) delete window.editor
        onEditor(null)
      }
    },
    [onEditor, sync.doc],
  )

  const boardExport = useMemo(() => ({ boardTitle: title, doc: sync.doc }), [title, sync.doc])
  // Read through an atom when an export runs, so the overrides are made once.
  const [exportNaming] = useState(() => atom('export naming', { title, doc: sync.doc }))
  useEffect(() => {
    exportNaming.set({ title, doc: sync.doc })
  }, [exportNaming, title, sync.doc])
  const [overrides] = useState(() => exportNameOverrides(() => exportNaming.get()))

  if (!environment) return null
  return (
    <WorkshopStripSlot.Provider value={strip}>
      <BoardExportContext.Provider value={boardExport}>
        <CanvasEnvironmentContext.Provider value={environment}>
          <WorkshopViewProvider
            boardId={boardId}
            doc={sync.doc}
            awareness={sync.awareness}
            workshop={workshop}
            me={me}
            role={effectiveRole}
          >
            <CanvasWorkshopProvider>
              <Tldraw
                getShapeVisibility={getShapeVisibility}
                shapeUtils={shapeUtils}
                store={sync.store}
                assetUrls={assetUrls}
                licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
                components={components}
                overrides={overrides}
                onMount={handleMount}
                acceptedImageMimeTypes={AcceptedImageTypes}
                acceptedVideoMimeTypes={noVideos}
                maxAssetSize={DefaultLimits.maxAssetBytes}
              >
                <EditorUserPreferences />
                <UploadFailures sync={sync} />
                <NoticeToast notice={notice} />
                <ChangeSizeGuard />
                <ExportStatus />
              </Tldraw>
            </CanvasWorkshopProvider>
          </WorkshopViewProvider>
        </CanvasEnvironmentContext.Provider>
      </BoardExportContext.Provider>
    </WorkshopStripSlot.Provider>
  )
}

/** The board's index of who types where, for as long as the editor is shown. */
function useEditingIndex(sync: BoardSync): EditingIndex | null {
  const [index, setIndex] = useState<EditingIndex | null>(null)
  useEffect(() => {
    // Created in the effect so StrictMode's second run gets a live one, not a disposed one.
    const created = new EditingIndex(sync.awareness)
    setIndex(created)
    return () => created.dispose()
  }, [sync.awareness])
  return index
}
