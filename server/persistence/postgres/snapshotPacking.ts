import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/**
 * A compacted snapshot at least this large is stored gzipped. A board's records are JSON text
 * that shrinks twenty-fold or more at the fastest level (10 MB in about 15 ms on the thread
 * pool): a fresh instance then reads a large board from the database in a fraction of the time
 * its raw bytes took (PostgreSQL stores a large value in 2 kB pieces, and the client grows its
 * buffer by doubling while the value comes in). Updates appended by edits are small and stored
 * as they are.
 */
export const PackFromBytes = 64 * 1024

/** No stored document unpacks to more than this (a damaged length is not believed). */
const MaxUnpackedBytes = 1024 * 1024 * 1024

/** A snapshot as stored: gzipped when large. */
export async function packSnapshot(
  snapshot: Uint8Array,
): Promise<{ data: Uint8Array; gzipped: boolean }> {
  if (snapshot.byteLength < PackFromBytes) return { data: snapshot, gzipped: false }
  return { data: await gzipAsync(snapshot, { level: 1 }), gzipped: true }
}

/** A stored row's update; a gzipped row that does not unpack throws (the board is unreadable). */
export async function unpackRow(data: Buffer, gzipped: boolean): Promise<Uint8Array> {
  if (!gzipped) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  // gzip ends with the unpacked length (modulo 2^32): one output chunk of that size spares
  // joining many small ones.
  const told = data.byteLength >= 4 ? data.readUInt32LE(data.byteLength - 4) : 0
  const chunkSize = Math.min(Math.max(told + 1, 64 * 1024), 256 * 1024 * 1024)
  const unpacked = await gunzipAsync(data, { chunkSize, maxOutputLength: MaxUnpackedBytes })
  return new Uint8Array(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength)
}
