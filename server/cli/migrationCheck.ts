import * as Y from 'yjs'
import { exportBoardMarkdown } from '../../shared/markdown/exportMarkdown.js'
import type { StoredDocument } from '../persistence/types.js'
import { readCanvasesForExport, readDrawingsForExport } from '../routes/boardDoc.js'

/** A stored document replayed as the server's rooms load it, or why it cannot be. */
function replay(stored: StoredDocument): { doc: Y.Doc } | { error: string } {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    }, 'load')
    return { doc }
  } catch (error) {
    doc.destroy()
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

/** The markdown export of a board, as `GET /api/boards/:id/export.md` answers it at `now`. */
function exportOf(title: string, doc: Y.Doc, now: number): string {
  try {
    const drawings = readDrawingsForExport(doc, [])
    return exportBoardMarkdown(title, readCanvasesForExport(doc), { now, drawings })
  } catch (error) {
    // Compared like any export: a board that fails to export must fail the same way.
    return `export failed: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** How one document compares between the two stores. */
export type DocumentCheck =
  | { status: 'ok' }
  /** Copied byte for byte, but it cannot be loaded in either store (`npm run doctor`). */
  | { status: 'unreadable'; error: string }
  | { status: 'mismatch'; problem: string }

/**
 * Compares a document as each store loads it: the stored updates, then the replayed Y.Docs
 * (state vector and encoded state), then, for a board (`title` given), its markdown export.
 */
export function compareDocuments(
  source: StoredDocument,
  target: StoredDocument,
  board: { sourceTitle: string; targetTitle: string; now: number } | undefined,
): DocumentCheck {
  if (source.updates.length !== target.updates.length || source.bytes !== target.bytes) {
    return {
      status: 'mismatch',
      problem:
        `${source.updates.length} stored updates (${source.bytes} bytes) in SQLite, ` +
        `${target.updates.length} (${target.bytes} bytes) in PostgreSQL`,
    }
  }
  const differing = source.updates.findIndex((u, i) => !sameBytes(u, target.updates[i]!))
  if (differing !== -1) {
    return { status: 'mismatch', problem: `stored update ${differing + 1} differs` }
  }
  const a = replay(source)
  const b = replay(target)
  try {
    if ('error' in a || 'error' in b) {
      if ('error' in a && 'error' in b && a.error === b.error) {
        return { status: 'unreadable', error: a.error }
      }
      return { status: 'mismatch', problem: 'the document loads in one store only' }
    }
    if (!sameBytes(Y.encodeStateVector(a.doc), Y.encodeStateVector(b.doc))) {
      return { status: 'mismatch', problem: 'the document state vectors differ' }
    }
    if (!sameBytes(Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc))) {
      return { status: 'mismatch', problem: 'the document contents differ' }
    }
    if (board) {
      if (board.sourceTitle !== board.targetTitle) {
        return { status: 'mismatch', problem: 'the board titles differ' }
      }
      const before = exportOf(board.sourceTitle, a.doc, board.now)
      const after = exportOf(board.targetTitle, b.doc, board.now)
      if (before !== after) return { status: 'mismatch', problem: 'the markdown exports differ' }
    }
    return { status: 'ok' }
  } finally {
    if ('doc' in a) a.doc.destroy()
    if ('doc' in b) b.doc.destroy()
  }
}
