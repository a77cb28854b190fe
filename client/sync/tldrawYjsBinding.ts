import type { TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { decodeRecord, encodeRecord, LocalOrigin } from '../../shared/doc/layout'
import { readDocumentRecord } from './readDocumentRecord'

/**
 * Where this person's private records go instead of the board: the record map of their drafts
 * (shared/doc/draftDoc.ts), and which new records belong there.
 */
export interface DraftRecords {
  doc: Y.Doc
  records: Y.Map<unknown>
  /** Whether a record this person just added is private (a sticky in a private scope). */
  isPrivate(record: TLRecord): boolean
}

/**
 * Binds a tldraw store to the Y.Map of document records, both ways, and returns the unbind
 * function. Call it once the Y.Doc holds the board (after the server sync or the local copy
 * loaded): the map's records are loaded into the store first, then
 *
 * - local edits (store changes with source 'user', document scope) are written to the map in
 *   one transaction tagged LocalOrigin;
 * - map changes from any other origin (server, IndexedDB, other tabs) are applied to the store
 *   inside mergeRemoteChanges, so they are neither echoed back nor added to the undo stack.
 *
 * With `drafts`, the store shows the board and this person's drafts together: a record added
 * privately, and every later edit of it, goes to the drafts until the board holds it (the
 * server moves it there when private mode ends; the board's copy then wins, so it neither
 * flickers nor doubles).
 */
export function bindTldrawStoreToYMap(
  store: TLStore,
  doc: Y.Doc,
  records: Y.Map<unknown>,
  drafts?: DraftRecords,
): () => void {
  const isDraft = (id: string) => drafts !== undefined && drafts.records.has(id) && !records.has(id)
  const stopListening = store.listen(
    ({ changes }) => {
      // The store batches changes up to a frame; a remote change merged in between may have
      // replaced one of these records since. Writing what the store holds now keeps the map
      // and the store equal instead of overwriting the remote change with a stale copy.
      const toBoard = new Map<string, TLRecord | null>()
      const toDrafts = new Map<string, TLRecord | null>()
      for (const id of [...Object.keys(changes.added), ...Object.keys(changes.updated)]) {
        const current = store.get(recordId(id))
        if (!current) continue
        const privateNew =
          drafts !== undefined &&
          id in changes.added &&
          !records.has(id) &&
          drafts.isPrivate(current)
        ;(isDraft(id) || privateNew ? toDrafts : toBoard).set(id, current)
      }
      for (const id of Object.keys(changes.removed)) {
        if (store.has(recordId(id))) continue
        if (drafts?.records.has(id)) toDrafts.set(id, null)
        if (records.has(id)) toBoard.set(id, null)
      }
      write(doc, records, toBoard)
      if (drafts) write(drafts.doc, drafts.records, toDrafts)
    },
    { source: 'user', scope: 'document' },
  )

  // The board's copy of a record wins over a draft of the same id (the moment of a reveal).
  const valueOf = (key: string) => records.get(key) ?? drafts?.records.get(key)
  const onMapChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === LocalOrigin) return
    applyKeys(store, valueOf, [...event.keysChanged])
  }
  records.observe(onMapChange)
  drafts?.records.observe(onMapChange)

  // Drop what the store holds but the board does not (e.g. left over from a previous load),
  // then load everything the board holds.
  const stale = store
    .allRecords()
    .filter((record) => isDocumentRecord(store, record) && valueOf(record.id) === undefined)
    .map((record) => record.id)
  const draftKeys = drafts ? [...drafts.records.keys()] : []
  applyKeys(store, valueOf, [...records.keys(), ...draftKeys, ...stale])

  return () => {
    // Edits from the last frame are still in the store's batch; send them before leaving.
    store._flushHistory()
    stopListening()
    records.unobserve(onMapChange)
    drafts?.records.unobserve(onMapChange)
  }
}

function write(doc: Y.Doc, records: Y.Map<unknown>, changes: Map<string, TLRecord | null>) {
  if (changes.size === 0) return
  doc.transact(() => {
    for (const [id, record] of changes) {
      if (record) records.set(id, encodeRecord(record))
      else records.delete(id)
    }
  }, LocalOrigin)
}

function applyKeys(store: TLStore, valueOf: (key: string) => unknown, keys: string[]): void {
  const puts: TLRecord[] = []
  const removals: TLRecord['id'][] = []
  for (const key of new Set(keys)) {
    const value = valueOf(key)
    if (value === undefined) {
      if (store.has(recordId(key))) removals.push(recordId(key))
      continue
    }
    const record = readDocumentRecord(store, key, decodeRecord(value))
    if (record) puts.push(record)
  }
  if (puts.length === 0 && removals.length === 0) return
  store.mergeRemoteChanges(() => {
    if (removals.length > 0) store.remove(removals)
    if (puts.length > 0) store.put(puts)
  })
}

/**
 * A map key as a store id. Only used to look up or remove: the store answers "no such record"
 * for a key that is not one of its ids, so the unchecked type cannot let bad data in.
 */
function recordId(key: string): TLRecord['id'] {
  return key as TLRecord['id']
}

function isDocumentRecord(store: TLStore, record: TLRecord): boolean {
  return store.scopedTypes.document.has(record.typeName)
}
