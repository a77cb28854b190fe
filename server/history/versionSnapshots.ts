import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { promisify } from 'node:util'
import { constants, gunzip, gzip } from 'node:zlib'
import * as Y from 'yjs'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Every gzip stream starts with these bytes (magic number, then the deflate method). */
const GzipHead = [0x1f, 0x8b, 0x08] as const

const isGzip = (bytes: Uint8Array) => GzipHead.every((b, i) => bytes[i] === b)

/**
 * Marks a snapshot kept as several updates. No whole document encodes this way: its first byte
 * would say it has no structs, and the rest a delete set of 68 clients without any.
 */
const PartsHead = [0x00, 0x44, 0x42, 0x50, 0x41, 0x52, 0x54, 0x53] as const // "\0DBPARTS"

const isParts = (bytes: Uint8Array) => PartsHead.every((b, i) => bytes[i] === b)

/**
 * Packs versions' snapshots as they are stored: the document's state as the room holds it (one
 * update, or the stored snapshot and the changes since, framed), gzip at its fastest level on the
 * thread pool. A board's records are JSON text, so a 10 MB board keeps in about 0.4 MB, and the
 * event loop neither encodes the whole document, nor compresses it, nor writes megabytes to the
 * store.
 *
 * Each part is compressed as a gzip member of its own, and the members are concatenated: that is
 * one gzip stream of the same bytes. A part the room still holds (its stored snapshot, which only
 * compaction replaces) is compressed once, however many versions are taken of it meanwhile.
 */
export function createSnapshotPacker() {
  /** Each part's gzip member, for as long as the room holds the part: whole, and framed. */
  const members = { whole: new WeakMap<Uint8Array, Promise<Uint8Array>>(), framed: new WeakMap() }
  const gzipped = (bytes: Uint8Array) =>
    gzipAsync(bytes, { level: constants.Z_BEST_SPEED }).then((b) => new Uint8Array(b))
  const memberOf = (part: Uint8Array, framed: boolean) => {
    const cache: WeakMap<Uint8Array, Promise<Uint8Array>> = framed ? members.framed : members.whole
    let member = cache.get(part)
    if (!member) {
      member = gzipped(framed ? frame(part) : part)
      // A failed compression is not kept: the next version tries again.
      member.catch(() => cache.delete(part))
      cache.set(part, member)
    }
    return member
  }
  return async function pack(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    if (parts.length === 1) return memberOf(parts[0]!, false)
    const head = encoding.createEncoder()
    encoding.writeUint8Array(head, Uint8Array.from(PartsHead))
    encoding.writeVarUint(head, parts.length)
    const all = await Promise.all([
      gzipped(encoding.toUint8Array(head)),
      ...parts.map((part) => memberOf(part, true)),
    ])
    return new Uint8Array(Buffer.concat(all))
  }
}

/** A part as the framing holds it: its length, then its bytes. */
function frame(part: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint8Array(encoder, part)
  return encoding.toUint8Array(encoder)
}

/**
 * The Yjs update a stored snapshot holds (several kept updates merged into one). Versions stored
 * before snapshots were compressed are the update itself; an update that merely starts like gzip
 * fails its checksum and is one too.
 */
export async function unpackSnapshot(stored: Uint8Array): Promise<Uint8Array> {
  let bytes = stored
  if (isGzip(stored)) {
    try {
      bytes = new Uint8Array(await gunzipAsync(stored))
    } catch {
      return stored
    }
  }
  if (!isParts(bytes)) return bytes
  const decoder = decoding.createDecoder(bytes.subarray(PartsHead.length))
  const parts: Uint8Array[] = []
  for (let n = decoding.readVarUint(decoder); n > 0; n--)
    parts.push(decoding.readVarUint8Array(decoder))
  return Y.mergeUpdates(parts)
}
