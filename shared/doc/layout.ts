import * as Y from 'yjs'

/**
 * The layout of a board's Y.Doc, written once. Everything that reads or writes a board
 * document goes through these accessors rather than naming top-level types itself.
 *
 * - `tldraw`: Y.Map of tldraw document records (shapes, pages, assets, bindings) by record id,
 *   each value the record as JSON text (`encodeRecord`). Records are small and replaced whole.
 * - `meta`: Y.Map of board-level settings.
 */
export const DocKeys = {
  tldrawRecords: 'tldraw',
  meta: 'meta',
} as const

/** The tldraw records of a board, keyed by record id. */
export function getTldrawRecords(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocKeys.tldrawRecords)
}

/**
 * A tldraw record as stored in the map: JSON text. Records are replaced whole, so nothing is
 * lost by not splitting them into Yjs values, and Yjs encodes and decodes one string several
 * times faster than a nested object; a large board opens that much sooner on every screen.
 */
export const encodeRecord = (record: object): string => JSON.stringify(record)

/** A stored record as plain data; boards written before records were text hold objects. */
export function decodeRecord(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

/**
 * The id of the tldraw shape that places a canvas, derived from the canvas id: two people
 * placing the same canvas at once write the same record rather than two shapes.
 */
export const canvasRecordId = (canvasId: string): string => `shape:canvas-${canvasId}`

/** Board-level settings. */
export function getBoardMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocKeys.meta)
}

/** Origins of Yjs transactions, so observers can tell local, remote and server edits apart. */
export type TransactionOrigin =
  { kind: 'local' } | { kind: 'remote' } | { kind: 'server'; reason: string }

export const LocalOrigin: TransactionOrigin = Object.freeze({ kind: 'local' })
export const RemoteOrigin: TransactionOrigin = Object.freeze({ kind: 'remote' })
