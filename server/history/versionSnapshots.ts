import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { promisify } from 'node:util'
import { constants, createGzip, gunzip, gzip } from 'node:zlib'
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
 * The framed parts are compressed in runs, each a gzip member of its own, and the members are
 * concatenated: that is one gzip stream of the same bytes. The room's parts only grow between
 * compactions, so a run compressed for one version is kept (for as long as the room holds its
 * parts) and the next version compresses only the parts added since: two compressions a
 * version, however many parts, since starting one has a cost on the event loop too.
 */
export function createSnapshotPacker() {
  /** A run of parts compressed together, under its first part: how many, its last, its member. */
  const runs = new WeakMap<
    Uint8Array,
    { count: number; last: Uint8Array; member: Promise<Uint8Array> }
  >()
  const gzipped = (bytes: Uint8Array) =>
    gzipAsync(bytes, { level: constants.Z_BEST_SPEED }).then((b) => new Uint8Array(b))
  const keep = (parts: readonly Uint8Array[], member: Promise<Uint8Array>) => {
    const first = parts[0]!
    runs.set(first, { count: parts.length, last: parts.at(-1)!, member })
    // A failed compression is not kept: the next version tries again.
    member.catch(() => runs.delete(first))
    return member
  }

  /** The parts framed (each its length, then its bytes), streamed through gzip uncopied. */
  const gzippedFramed = (run: readonly Uint8Array[]) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const stream = createGzip({ level: constants.Z_BEST_SPEED })
      const out: Buffer[] = []
      stream.on('data', (chunk: Buffer) => out.push(chunk))
      stream.on('error', reject)
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(out))))
      for (const part of run) {
        const length = encoding.createEncoder()
        encoding.writeVarUint(length, part.byteLength)
        stream.write(encoding.toUint8Array(length))
        stream.write(part)
      }
      stream.end()
    })

  return async function pack(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    if (parts.length === 1) {
      const kept = runs.get(parts[0]!)
      return kept?.count === 0 ? kept.member : keepWhole(parts[0]!)
    }
    const head = encoding.createEncoder()
    encoding.writeUint8Array(head, Uint8Array.from(PartsHead))
    encoding.writeVarUint(head, parts.length)
    const members: Promise<Uint8Array>[] = [gzipped(encoding.toUint8Array(head))]
    let i = 0
    while (i < parts.length) {
      const kept = runs.get(parts[i]!)
      if (kept && kept.count > 0 && parts[i + kept.count - 1] === kept.last) {
        members.push(kept.member)
        i += kept.count
        continue
      }
      // The parts from here up to the next kept run, framed and compressed together.
      let end = i + 1
      while (end < parts.length && !runs.has(parts[end]!)) end++
      const run = parts.slice(i, end)
      members.push(keep(run, gzippedFramed(run)))
      i = end
    }
    return new Uint8Array(Buffer.concat(await Promise.all(members)))
  }

  /** A snapshot of one part is the part itself, compressed: kept as a run of none framed. */
  function keepWhole(part: Uint8Array) {
    const member = gzipped(part)
    runs.set(part, { count: 0, last: part, member })
    member.catch(() => runs.delete(part))
    return member
  }
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
