import type { RecordType, TLRecord, TLStore } from 'tldraw'

type AnyRecordType = RecordType<TLRecord, never>

const typesBySchema = new WeakMap<TLStore['schema'], Map<string, AnyRecordType>>()

function recordTypes(store: TLStore): Map<string, AnyRecordType> {
  let types = typesBySchema.get(store.schema)
  if (!types) {
    types = new Map<string, AnyRecordType>(Object.entries(store.schema.types))
    typesBySchema.set(store.schema, types)
  }
  return types
}

/**
 * Reads a value from the board's Y.Map as a tldraw document record, or null if it is not one.
 * Other clients wrote it, so it is checked like any input: the key must match its id, the type
 * must be a document-scope record of this schema, and the record must pass tldraw's validator.
 * A bad record is skipped rather than allowed to break the whole board.
 */
export function readDocumentRecord(store: TLStore, key: string, value: unknown): TLRecord | null {
  if (typeof value !== 'object' || value === null) return null
  if (!('typeName' in value) || typeof value.typeName !== 'string') return null
  if (!('id' in value) || value.id !== key) return null

  const type = recordTypes(store).get(value.typeName)
  if (!type || type.scope !== 'document') return null

  try {
    return type.validate(value)
  } catch (error) {
    console.warn(`Skipping invalid ${value.typeName} record ${key}`, error)
    return null
  }
}
