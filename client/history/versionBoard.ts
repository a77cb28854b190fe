import { createTLStore, type TLStore } from 'tldraw'
import * as Y from 'yjs'
import { getCanvasDefinition } from '../../shared/canvases/registry'
import { readAllCanvases } from '../../shared/doc/canvasDoc'
import { createBoardSchema } from '../../shared/doc/boardSchema'
import { getTldrawRecords, RemoteOrigin } from '../../shared/doc/layout'
import { createBoardAssetStore } from '../sync/assetStore'
import { seedBoard } from '../sync/seedBoard'
import { bindTldrawStoreToYMap } from '../sync/tldrawYjsBinding'

/** A version of a board opened on this screen: its own document, never synced anywhere. */
export interface VersionBoard {
  doc: Y.Doc
  /** The version's records, bound to `doc` the way the live board's store is bound to its own. */
  store: TLStore
  dispose(): void
}

/**
 * Opens a version's document (one Yjs update, as the server sends it) in a fresh Y.Doc and a
 * tldraw store of the board's schema, bound like the live board so the same views draw it.
 * Images resolve through the board's assets, with this browser's key.
 */
export function openVersionBoard(boardId: string, update: Uint8Array): VersionBoard {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update, RemoteOrigin)
  const records = getTldrawRecords(doc)
  // A version taken before anyone drew still needs a document and a page to show.
  if (records.size === 0) seedBoard(doc)
  const store = createTLStore({
    schema: createBoardSchema(),
    // Nothing is uploaded into a version: it is shown read-only.
    assets: createBoardAssetStore(boardId, () => {}),
  })
  const unbind = bindTldrawStoreToYMap(store, doc, records)
  return {
    doc,
    store,
    dispose() {
      unbind()
      store.dispose()
      doc.destroy()
    },
  }
}

/** A canvas of a version, as the restore dialog offers it. */
export interface VersionCanvas {
  id: string
  title: string
  /** The kind's name ("Lean Canvas"). */
  kindLabel: string
}

/** The canvases a version holds, in the order they were added. */
export function versionCanvases(doc: Y.Doc): VersionCanvas[] {
  return readAllCanvases(doc).map((canvas) => ({
    id: canvas.id,
    title: canvas.title,
    kindLabel: getCanvasDefinition(canvas.kind).label,
  }))
}
