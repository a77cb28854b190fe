import * as Y from 'yjs'

/** A top-level entry of a document that an update changes. */
export interface UpdateTarget {
  /** The root type's name (`tldraw`, `canvases`, …). */
  root: string
  /** The key in a root map; null for a root that is not a map. */
  key: string | null
  /** A value the update sets directly on a root map entry (a tldraw record's JSON text). */
  value?: unknown
}

/** Where an item sits: its top-level entry, and whether it is that entry's value itself. */
type Location = { root: string; key: string | null; direct: boolean } | null

const isItem = (s: unknown): s is Y.Item => s instanceof Y.Item

/**
 * Which top-level entries `update` would change in `doc`, read without applying it: the
 * entries its new content goes into (found through the parent, or through the neighbour a new
 * item is placed next to) and the entries of the content it deletes. Content whose place is not
 * in the document yet (it waits for an earlier update) has no target: Yjs places it next to
 * its neighbour, whose own update was checked when it arrived.
 */
export function updateTargets(doc: Y.Doc, update: Uint8Array): UpdateTarget[] {
  const { structs, ds } = Y.decodeUpdate(update)
  const store = doc.store
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client)
  // The update's own new items, by client, for neighbours and parents created in the update.
  const own = new Map<number, Y.Item[]>()
  for (const s of structs) {
    if (!isItem(s)) continue
    const list = own.get(s.id.client) ?? []
    list.push(s)
    own.set(s.id.client, list)
  }
  const ownItem = (id: Y.ID) =>
    own.get(id.client)?.find((s) => id.clock >= s.id.clock && id.clock < s.id.clock + s.length)

  const ofDocItem = (item: Y.Item): Location => {
    let top = item
    for (let depth = 0; depth < 10_000; depth++) {
      const parent = top.parent as Y.AbstractType<unknown> | null
      if (!parent) return null
      if (parent._item === null) {
        return { root: Y.findRootTypeKey(parent), key: top.parentSub, direct: top === item }
      }
      top = parent._item
    }
    return null
  }

  const seen = new Map<Y.Item, Location>()
  const ofId = (id: Y.ID, depth: number): Location => {
    if (known(id)) {
      const found = Y.getItem(store, id)
      return isItem(found) ? ofDocItem(found) : null
    }
    const item = ownItem(id)
    return item ? ofOwn(item, depth + 1) : null
  }
  /** Content inside the item with `id` (a map or text it holds). */
  const inside = (id: Y.ID, depth: number): Location => {
    const at = ofId(id, depth)
    return at && { ...at, direct: false }
  }
  const ofOwn = (item: Y.Item, depth: number): Location => {
    if (seen.has(item)) return seen.get(item)!
    if (depth > 10_000) return null
    seen.set(item, null)
    let at: Location = null
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      at = { root: parent, key: item.parentSub, direct: item.parentSub !== null }
    } else if (parent instanceof Y.ID) at = inside(parent, depth)
    else {
      // Placed next to a neighbour: in the same parent, under the same key.
      const neighbour = item.origin ?? item.rightOrigin
      if (neighbour) at = ofId(neighbour, depth)
    }
    seen.set(item, at)
    return at
  }

  const targets = new Map<string, UpdateTarget>()
  const add = (at: Location, value?: unknown) => {
    if (!at) return
    const id = `${at.root}\u0000${at.key ?? ''}`
    const target = targets.get(id) ?? { root: at.root, key: at.key }
    if (value !== undefined) target.value = value
    targets.set(id, target)
  }

  for (const list of own.values()) {
    for (const item of list) {
      // Content the document already holds is skipped when the update is applied.
      if (known(Y.createID(item.id.client, item.id.clock + item.length - 1))) continue
      const at = ofOwn(item, 0)
      const content = item.content as { arr?: unknown[] }
      add(at, at?.direct && Array.isArray(content.arr) ? content.arr.at(-1) : undefined)
    }
  }

  for (const [client, ranges] of ds.clients) {
    const docStructs = store.clients.get(client)
    if (!docStructs) continue
    const end = Y.getState(store, client)
    for (const { clock, len } of ranges) {
      if (clock >= end) continue
      let i = Y.findIndexSS(docStructs, clock)
      for (; i < docStructs.length && docStructs[i]!.id.clock < clock + len; i++) {
        const s = docStructs[i]!
        if (isItem(s) && !s.deleted) add(ofDocItem(s))
      }
    }
  }
  return [...targets.values()]
}
