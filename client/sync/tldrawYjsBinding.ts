import type { TLRecord, TLStore } from 'tldraw'
import * as Y from 'yjs'
import { decodeRecord, encodeRecord, LocalOrigin } from '../../shared/doc/layout'
import { readDocumentRecord } from './readDocumentRecord'

/**
 * Binds a tldraw store to the Y.Map of document records, both ways, and returns the unbind
 * function. Call it once the Y.Doc holds the board (after the server sync or the local copy
 * loaded): the map's records are loaded into the store first, then
 *
 * - local edits (store changes with source 'user', document scope) are written to the map in
 *   one transaction tagged LocalOrigin;
 * - map changes from any other origin (server, IndexedDB, other tabs) are applied to the store
 *   inside mergeRemoteChanges, so they are neither echoed back nor added to the undo stack.
 */
export function bindTldrawStoreToYMap(
  store: TLStore,
  doc: Y.Doc,
  records: Y.Map<unknown>,
): () => void {
  const stopListening = store.listen(
    ({ changes }) => {
      // The store batches changes up to a frame; a remote change merged in between may have
      // replaced one of these records since. Writing what the store holds now keeps the map
      // and the store equal instead of overwriting the remote change with a stale copy.
      doc.transact(() => {
        for (const id of [...Object.keys(changes.added), ...Object.keys(changes.updated)]) {
          const current = store.get(recordId(id))
          if (current) records.set(id, encodeRecord(current))
        }
        for (const id of Object.keys(changes.removed)) {
          if (!store.has(recordId(id))) records.delete(id)
        }
      }, LocalOrigin)
    },
    { source: 'user', scope: 'document' },
  )

  const onMapChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === LocalOrigin) return
    applyKeys(store, records, [...event.keysChanged])
  }
  records.observe(onMapChange)

  // Drop what the store holds but the board does not (e.g. left over from a previous load),
  // then load everything the board holds.
  const stale = store
    .allRecords()
    .filter((record) => isDocumentRecord(store, record) && !records.has(record.id))
    .map((record) => record.id)
  applyKeys(store, records, [...records.keys(), ...stale])

  return () => {
    // Edits from the last frame are still in the store's batch; send them before leaving.
    store._flushHistory()
    stopListening()
    records.unobserve(onMapChange)
  }
}

function applyKeys(store: TLStore, records: Y.Map<unknown>, keys: string[]): void {
  const puts: TLRecord[] = []
  const removals: TLRecord['id'][] = []
  for (const key of keys) {
    const value = records.get(key)
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
