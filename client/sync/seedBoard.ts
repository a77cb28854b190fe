import {
  DocumentRecordType,
  getIndexAbove,
  PageRecordType,
  TLDOCUMENT_ID,
  ZERO_INDEX_KEY,
} from 'tldraw'
import type * as Y from 'yjs'
import { encodeRecord, getTldrawRecords, LocalOrigin } from '../../shared/doc/layout'

/**
 * Writes the records every tldraw document needs (the document and a first page) into an
 * empty board. The ids are the ones tldraw itself uses for defaults, so concurrent seeds from
 * two clients, or tldraw's own integrity check, converge on the same records.
 */
export function seedBoard(doc: Y.Doc): void {
  const records = getTldrawRecords(doc)
  const document = DocumentRecordType.create({ id: TLDOCUMENT_ID })
  const page = PageRecordType.create({
    id: PageRecordType.createId('page'),
    name: 'Page 1',
    index: getIndexAbove(ZERO_INDEX_KEY),
  })
  doc.transact(() => {
    for (const record of [document, page]) {
      if (!records.has(record.id)) records.set(record.id, encodeRecord(record))
    }
  }, LocalOrigin)
}
