import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { atom, defaultShapeUtils, Tldraw, type Editor, type TLComponents } from 'tldraw'
import { AcceptedImageTypes, DefaultLimits } from '../../shared/protocol/limits'
import {
  CanvasEnvironmentContext,
  type CanvasEnvironment,
} from '../shapes/canvas/CanvasEnvironment'
import { CanvasShapeReconciler } from '../shapes/canvas/CanvasShapeReconciler'
import { CanvasShapeUtil } from '../shapes/canvas/CanvasShapeUtil'
import { EditingIndex } from '../shapes/canvas/EditingIndex'
import { FocusRequests } from '../shapes/canvas/FocusRequests'
import type { BoardSync } from '../sync/BoardSync'
import { EditorUserPreferences } from './EditorUserPreferences'
import { UploadFailures } from './UploadFailures'
import type { Role } from '../../shared/api/links'
import type { WorkshopSync } from '../workshop/WorkshopSync'

declare global {
  interface Window {
    /** The live editor, as tldraw's own debug tools expose it; handy for tests and support. */
    editor?: Editor
  }
}

// Fonts, icons and translations are bundled and served from this origin, never a CDN.
const assetUrls = getAssetUrlsByImport()

// The board header shows people and connection state, so tldraw's own share panel is hidden.
const components: TLComponents = { SharePanel: null }

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
}

/** The tldraw editor on the board's synced store. */
export function BoardEditor({ boardId, sync, onEditor }: BoardEditorProps) {
  const [noteDropTarget] = useState(() => atom<NoteTarget>('sticky drop target', null))
  const shapeUtils = useMemo(
    () => [...defaultShapeUtils, CanvasShapeUtil.configure({ doc: sync.doc, noteDropTarget })],
    [sync.doc, noteDropTarget],
  )
  const editing = useEditingIndex(sync)
  const environment = useMemo<CanvasEnvironment | null>(
    () =>
      editing && { doc: sync.doc, boardId, focus: new FocusRequests(), editing, noteDropTarget },
    [sync.doc, boardId, editing, noteDropTarget],
  )

  const handleMount = useCallback(
    (editor: Editor) => {
      window.editor = editor
      onEditor(editor)
      const reconciler = new CanvasShapeReconciler(editor, sync.doc)
      return () => {
        reconciler.dispose()
        if (window.editor === editor) delete window.editor
        onEditor(null)
      }
    },
    [onEditor, sync.doc],
  )

  if (!environment) return null
  return (
    <CanvasEnvironmentContext.Provider value={environment}>
      <Tldraw
        shapeUtils={shapeUtils}
        store={sync.store}
        assetUrls={assetUrls}
        licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
        components={components}
        onMount={handleMount}
        acceptedImageMimeTypes={AcceptedImageTypes}
        acceptedVideoMimeTypes={noVideos}
        maxAssetSize={DefaultLimits.maxAssetBytes}
      >
        <EditorUserPreferences />
        <UploadFailures sync={sync} />
      </Tldraw>
    </CanvasEnvironmentContext.Provider>
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
