import { promisify } from 'node:util'
import { constants, gunzip, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Every gzip stream starts with these bytes (magic number, then the deflate method). */
const GzipHead = [0x1f, 0x8b, 0x08] as const

const isGzip = (bytes: Uint8Array) => GzipHead.every((b, i) => bytes[i] === b)

/**
 * A version's snapshot as it is stored: gzip at its fastest level, on the thread pool. A board's
 * records are JSON text, so a 10 MB board keeps in about 0.4 MB, and the event loop neither
 * compresses it nor writes megabytes to the store while people edit.
 */
export async function packSnapshot(update: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await gzipAsync(update, { level: constants.Z_BEST_SPEED }))
}

/**
 * The Yjs update a stored snapshot holds. Versions stored before snapshots were compressed are
 * the update itself; an update that merely starts like gzip fails its checksum and is one too.
 */
export async function unpackSnapshot(stored: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(stored)) return stored
  try {
    return new Uint8Array(await gunzipAsync(stored))
  } catch {
    return stored
  }
}
