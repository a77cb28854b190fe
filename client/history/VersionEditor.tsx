import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { atom, react, Tldraw, type Editor, type TLComponents } from 'tldraw'
import { Awareness } from 'y-protocols/awareness'
import { boardShapeUtils } from '../shapes/boardShapeUtils'
import {
  CanvasEnvironmentContext,
  type CanvasEnvironment,
} from '../shapes/canvas/CanvasEnvironment'
import { CanvasShapeReconciler } from '../shapes/canvas/CanvasShapeReconciler'
import { EditingIndex } from '../shapes/canvas/EditingIndex'
import { FocusRequests } from '../shapes/canvas/FocusRequests'
import { DiffOverlay } from './diff/DiffOverlay'
import type { VersionBoard } from './versionBoard'

const assetUrls = getAssetUrlsByImport()

// A version is looked at, not shared or commented on; compared with an older one, it shows what
// changed since.
const components: TLComponents = {
  SharePanel: null,
  ContextMenu: null,
  InFrontOfTheCanvas: DiffOverlay,
}

interface VersionEditorProps {
  boardId: string
  version: VersionBoard
  /** The live board's editor: the version opens on the same page and at the same place. */
  live: Editor
}

/**
 * A version of the board in a read-only tldraw editor, drawn by the same shapes and canvas views
 * as the live board. Nobody else is in a version, so its presence is its own and empty.
 */
export function VersionEditor({ boardId, version, live }: VersionEditorProps) {
  const [noteDropTarget] = useState(() =>
    atom<{ canvasId: string; boxKey: string } | null>('version drop target', null),
  )
  const shapeUtils = useMemo(
    () => boardShapeUtils({ doc: version.doc, drafts: null, noteDropTarget }),
    [version.doc, noteDropTarget],
  )
  const editing = useVersionEditingIndex(version)
  const environment = useMemo<CanvasEnvironment | null>(
    () =>
      editing && {
        doc: version.doc,
        drafts: null,
        boardId,
        focus: new FocusRequests(),
        editing,
        noteDropTarget,
      },
    [version.doc, boardId, editing, noteDropTarget],
  )

  const handleMount = useCallback(
    (editor: Editor) => {
      // A canvas added through the API before anyone opened the board has no shape yet: it gets
      // one here as on the live board, before the editor turns read-only and refuses it.
      const reconciler = new CanvasShapeReconciler(editor, version.doc)
      editor.updateInstanceState({ isReadonly: true })
      placeLikeLive(editor, live)
      // Where the live board's camera goes (a line of the comparison's panel taking it to a
      // change), the version's follows.
      let first = true
      const stop = react('version follows the live camera', () => {
        const camera = live.getCamera()
        if (first) return void (first = false)
        editor.setCamera(camera, { animation: { duration: 200 } })
      })
      return () => {
        stop()
        reconciler.dispose()
      }
    },
    [version.doc, live],
  )

  if (!environment) return null
  return (
    <CanvasEnvironmentContext.Provider value={environment}>
      <Tldraw
        shapeUtils={shapeUtils}
        store={version.store}
        assetUrls={assetUrls}
        licenseKey={import.meta.env.VITE_TLDRAW_LICENSE_KEY}
        components={components}
        onMount={handleMount}
      />
    </CanvasEnvironmentContext.Provider>
  )
}

/**
 * Opens the version where the person was looking on the live board, so what changed there is
 * in view; if that part of the version is empty, shows the whole version instead.
 */
function placeLikeLive(editor: Editor, live: Editor) {
  const page = live.getCurrentPageId()
  if (editor.getPage(page)) editor.setCurrentPage(page)
  editor.setCamera(live.getCamera())
  const content = editor.getCurrentPageBounds()
  if (content && !editor.getViewportPageBounds().collides(content)) editor.zoomToFit()
}

/** An editing index on the version's own, empty, presence: no one else types in a version. */
function useVersionEditingIndex(version: VersionBoard): EditingIndex | null {
  const [index, setIndex] = useState<EditingIndex | null>(null)
  useEffect(() => {
    const awareness = new Awareness(version.doc)
    const created = new EditingIndex(awareness)
    setIndex(created)
    return () => {
      created.dispose()
      awareness.destroy()
    }
  }, [version.doc])
  return index
}
