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
 * A version's snapshot as it is stored: the document's state as the room holds it (one update,
 * or the stored snapshot and the changes since, framed), gzip at its fastest level on the thread
 * pool. A board's records are JSON text, so a 10 MB board keeps in about 0.4 MB, and the event
 * loop neither encodes the whole document, nor compresses it, nor writes megabytes to the store.
 */
export async function packSnapshot(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  let bytes: Uint8Array
  if (parts.length === 1) bytes = parts[0]!
  else {
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, Uint8Array.from(PartsHead))
    encoding.writeVarUint(encoder, parts.length)
    for (const part of parts) encoding.writeVarUint8Array(encoder, part)
    bytes = encoding.toUint8Array(encoder)
  }
  return new Uint8Array(await gzipAsync(bytes, { level: constants.Z_BEST_SPEED }))
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
