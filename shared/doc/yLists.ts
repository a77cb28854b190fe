import * as Y from 'yjs'
import { yText } from './ytext.js'

/**
 * Small helpers for the maps, texts and lists of a canvas in the Y.Doc, shared by the generic
 * canvas layout (canvasDoc.ts) and the parts each kind adds (shared/canvases/<kind>/).
 */

/** The Y.Text under `key`, created (from a plain string, if one is there) on first use. */
export const getText = (map: Y.Map<unknown>, key: string): Y.Text => {
  const value = map.get(key)
  if (value instanceof Y.Text) return value
  const text = yText(typeof value === 'string' ? value : '')
  map.set(key, text)
  return text
}

/** A text value as a string: a Y.Text's content, a string, or '' for anything else. */
export const str = (value: unknown) =>
  value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : ''

/** A Y.Text already in `map`; a map not yet in a document has none (and must not be read). */
export const existingText = (map: Y.Map<unknown>, key: string) => {
  const value = map.doc ? map.get(key) : undefined
  return value instanceof Y.Text ? value : undefined
}

/**
 * Makes a Y.Array of maps hold `values`, touching as little as possible: entries whose id stays
 * keep their map (and the Y.Texts inside, so concurrent typing there survives); removed ones
 * are deleted and new ones inserted in place. Only a reorder of kept entries copies them.
 */
export function syncArray<T extends { id: string }>(
  array: Y.Array<Y.Map<unknown>>,
  values: readonly T[],
  write: (map: Y.Map<unknown>, value: T) => void,
) {
  const wanted = new Set(values.map((v) => v.id))
  for (let i = array.length - 1; i >= 0; i--) {
    if (!wanted.has(array.get(i).get('id') as string)) array.delete(i, 1)
  }
  const keptIds = array.toArray().map((m) => m.get('id') as string)
  const kept = new Set(keptIds)
  const keptInValueOrder = values.filter((v) => kept.has(v.id)).map((v) => v.id)
  if (keptInValueOrder.some((id, i) => id !== keptIds[i])) {
    // Reordered: a Yjs type cannot be re-inserted once removed, so copy into fresh maps.
    const existing = new Map(array.toArray().map((m) => [m.get('id') as string, readEntry(m)]))
    array.delete(0, array.length)
    array.insert(
      0,
      values.map((v) => {
        const fresh = new Y.Map<unknown>()
        write(fresh, { ...existing.get(v.id), ...v } as T)
        return fresh
      }),
    )
    return
  }
  values.forEach((v, i) => {
    if (kept.has(v.id)) {
      write(array.get(i), v)
      return
    }
    const fresh = new Y.Map<unknown>()
    write(fresh, v)
    array.insert(i, [fresh])
  })
}

/** A map's entries as plain values (texts as strings). */
export function readEntry(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of map.entries()) out[k] = v instanceof Y.Text ? v.toString() : v
  return out
}

/** The Y.Array of maps under `key`, created on first use. */
export function getArray(map: Y.Map<unknown>, key: string): Y.Array<Y.Map<unknown>> {
  const value = map.get(key)
  if (value instanceof Y.Array) return value as Y.Array<Y.Map<unknown>>
  const array = new Y.Array<Y.Map<unknown>>()
  map.set(key, array)
  return array
}

/** The Y.Map under `key`, created on first use. */
export function getMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = map.get(key)
  if (value instanceof Y.Map) return value
  const child = new Y.Map<unknown>()
  map.set(key, child)
  return child
}

/**
 * The entries of the list under `key` that `parse` accepts. The map may come from any client,
 * so entries that do not parse are left out rather than trusted.
 */
export function readArray<T>(
  canvas: Y.Map<unknown>,
  key: string,
  parse: (value: unknown) => T | undefined,
): T[] {
  const value = canvas.get(key)
  if (!(value instanceof Y.Array)) return []
  return value
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map((m) => parse(readEntry(m)))
    .filter((v): v is T => v !== undefined)
}
