import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Persistence, StoredDocument } from '../../server/persistence/types.js'

/**
 * Checks "relayed only once stored": every update the store accepted (appended or compacted) is
 * applied to a shadow document, and every change a client receives from the server must already
 * be in that shadow (its insertions, and its deletions). The shadow is filled when the store
 * answers, before the server can act on the answer, so the check does not depend on timing.
 */
export class StoredCoverage {
  private readonly shadow = new Y.Doc({ gc: false })
  private deleted: Map<number, [number, number][]> | null = null
  /** Writes asked of a store that has not answered yet, for the failure message. */
  private readonly inFlight = new Set<Uint8Array>()
  readonly violations: string[] = []

  /** Wraps a store so that every accepted write is recorded here. */
  record(inner: Persistence): Persistence {
    const wrapped: Persistence = { ...inner }
    const stored = (update: Uint8Array) => this.add(update)
    wrapped.appendUpdate = (boardId, update, now) => {
      const result = inner.appendUpdate(boardId, update, now)
      if (result instanceof Promise) {
        this.inFlight.add(update)
        return result.then(
          (seq) => {
            this.inFlight.delete(update)
            stored(update)
            return seq
          },
          (error: unknown) => {
            this.inFlight.delete(update)
            throw error
          },
        )
      }
      stored(update)
      return result
    }
    // What a store answers to a read is stored, whoever wrote it: across the network a write
    // is read by others as soon as it commits, which may be before its writer hears so.
    wrapped.loadDocument = (boardId) => {
      const read = (doc: StoredDocument) => {
        for (const update of doc.updates) stored(update)
        return doc
      }
      const result = inner.loadDocument(boardId)
      return result instanceof Promise ? result.then(read) : read(result)
    }
    wrapped.compactDocument = (boardId, snapshot, uptoSeq) => {
      const result = inner.compactDocument(boardId, snapshot, uptoSeq)
      if (result instanceof Promise) {
        this.inFlight.add(snapshot)
        return result.then(
          () => {
            this.inFlight.delete(snapshot)
            stored(snapshot)
          },
          (error: unknown) => {
            this.inFlight.delete(snapshot)
            throw error
          },
        )
      }
      stored(snapshot)
      return result
    }
    return wrapped
  }

  add(update: Uint8Array) {
    Y.applyUpdate(this.shadow, update)
    this.deleted = null
  }

  /**
   * Records a violation when `update`, as received by `who` on the wire from the server, holds
   * anything not stored. (The wire, not the client's document events: a client also deletes
   * when it integrates, e.g. a record set concurrently by someone else loses to its own unsent
   * value, and such deletions were never sent by anyone.)
   */
  check(who: string, update: Uint8Array) {
    const { structs, ds } = Y.decodeUpdate(update)
    const sv = Y.decodeStateVector(Y.encodeStateVector(this.shadow))
    const pending = this.pendingRanges()
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue
      const { client, clock } = struct.id
      const end = clock + struct.length
      if ((sv.get(client) ?? 0) >= end) continue
      if (covers(pending.structs.get(client), clock, end)) continue
      this.violations.push(
        `${who} received ${client}:${clock}..${end} from the server before it was stored ` +
          `(stored up to ${sv.get(client) ?? 0})${this.describeInFlight((u) => u.structs.some((s) => s.id.client === client && s.id.clock <= clock && clock < s.id.clock + s.length))}`,
      )
      return
    }
    const deleted = this.deletedRanges()
    for (const [client, items] of ds.clients) {
      for (const { clock, len } of items) {
        const end = clock + len
        const known = [...(deleted.get(client) ?? []), ...(pending.deletes.get(client) ?? [])]
        if (covers(known, clock, end)) continue
        const missing = firstUncovered(known, clock, end)
        this.violations.push(
          `${who} received the deletion of ${client}:${clock}..${end} from the server ` +
            `before it was stored: ${client}:${missing}${this.describeStored(client, missing)}` +
            this.describeInFlight((u) =>
              (u.ds.clients.get(client) ?? []).some(
                (d) => d.clock <= missing && missing < d.clock + d.len,
              ),
            ),
        )
        return
      }
    }
  }

  /** Whether a write still waiting for its store's answer holds what `holds` looks for. */
  private describeInFlight(holds: (update: ReturnType<typeof Y.decodeUpdate>) => boolean): string {
    for (const update of this.inFlight) {
      if (holds(Y.decodeUpdate(update)))
        return '; a write whose store has not answered yet holds it'
    }
    return '; no write in flight holds it'
  }

  /** What the store holds at an id, for the failure message. */
  private describeStored(client: number, clock: number): string {
    const struct = this.shadow.store.clients
      .get(client)
      ?.find((s) => s.id.clock <= clock && clock < s.id.clock + s.length)
    if (!struct) return ' (not stored at all)'
    const parent = struct instanceof Y.Item ? struct.parent : null
    const parentItem = parent instanceof Y.AbstractType ? parent._item : null
    return ` (stored as ${struct.constructor.name}${struct instanceof Y.Item ? `, key ${struct.parentSub ?? '-'}, deleted ${struct.deleted}, parent deleted ${parentItem?.deleted ?? false}` : ''})`
  }

  destroy() {
    this.shadow.destroy()
  }

  private deletedRanges() {
    if (!this.deleted) {
      const ds = Y.createDeleteSetFromStructStore(this.shadow.store)
      this.deleted = new Map(
        [...ds.clients].map(([client, items]) => [
          client,
          items.map((d) => [d.clock, d.clock + d.len] as [number, number]),
        ]),
      )
    }
    return this.deleted
  }

  /** Stored parts still waiting for something they depend on (stored all the same; Yjs keeps them V2-encoded). */
  private pendingRanges() {
    const structs = new Map<number, [number, number][]>()
    const deletes = new Map<number, [number, number][]>()
    const add = (
      map: Map<number, [number, number][]>,
      client: number,
      from: number,
      to: number,
    ) => {
      const list = map.get(client) ?? []
      list.push([from, to])
      map.set(client, list)
    }
    const pendingStructs = this.shadow.store.pendingStructs
    if (pendingStructs) {
      for (const s of Y.decodeUpdateV2(pendingStructs.update).structs) {
        if (!(s instanceof Y.Skip)) add(structs, s.id.client, s.id.clock, s.id.clock + s.length)
      }
    }
    const pendingDs = this.shadow.store.pendingDs
    if (pendingDs) {
      for (const [client, items] of Y.decodeUpdateV2(pendingDs).ds.clients) {
        for (const d of items) add(deletes, client, d.clock, d.clock + d.len)
      }
    }
    return { structs, deletes }
  }
}

/** The first clock in [from, to) that no range of `ranges` covers. */
function firstUncovered(ranges: [number, number][], from: number, to: number): number {
  let clock = from
  while (clock < to) {
    const range = ranges.find(([a, b]) => a <= clock && clock < b)
    if (!range) return clock
    clock = range[1]
  }
  return to
}

/** True when the union of `ranges` ([from, to) pairs) covers [from, to). */
function covers(ranges: [number, number][] | undefined, from: number, to: number): boolean {
  if (!ranges || ranges.length === 0) return false
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  let reached = from
  for (const [a, b] of sorted) {
    if (a > reached) break
    if (b > reached) reached = b
    if (reached >= to) return true
  }
  return reached >= to
}

/**
 * A WebSocket class for y-websocket that shows every document update the server sends
 * (sync step 2 and update messages) to `onUpdate` before the provider handles the frame.
 */
export function inspectingWebSocket(onUpdate: (update: Uint8Array) => void) {
  return class InspectingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols)
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const bytes = Array.isArray(data)
          ? new Uint8Array(Buffer.concat(data))
          : data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        const decoder = decoding.createDecoder(bytes)
        if (decoding.readVarUint(decoder) !== 0) return
        const sub = decoding.readVarUint(decoder)
        if (sub === 1 || sub === 2) onUpdate(decoding.readVarUint8Array(decoder))
      })
    }
  }
}
