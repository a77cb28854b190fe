import { MaxMeasurementBodyBytes, MaxMeasurementsPerRequest } from '../../shared/api/hypotheses'

/**
 * Limits the app checks before a change enters the board, so that nothing is written locally
 * that the server would refuse: a refused change cannot be sent again, only discarded.
 */

/** Largest markdown file the import endpoint reads (shared with the server). */
export { MaxImportBytes } from '../../shared/protocol/limits'

/**
 * Largest text pasted onto the board as one shape. The server refuses any message over its
 * limit (DefaultLimits.maxMessageBytes, 10 MiB, unless its operator set another), and a change
 * travels with everything else not yet sent, so one paste stays far below it.
 */
export const MaxPastedTextBytes = 1024 * 1024

/** Largest single shape, as stored: typing or pasting into a sticky may not grow it past this. */
export const MaxShapeBytes = 2 * 1024 * 1024

/** How many bytes a text takes as UTF-8, as it goes over the wire. */
export function utf8Bytes(text: string): number {
  // Counting without encoding: a long paste should not be copied only to be measured.
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/**
 * A byte count as people read it: "3.2 MB", "512 KB". `up` rounds up, so that an amount over a
 * limit never reads as the limit itself.
 */
export function formatBytes(bytes: number, { up = false } = {}): string {
  const round = (n: number) => {
    const tenths = up ? Math.ceil(n * 10) / 10 : Math.round(n * 10) / 10
    return tenths >= 10 ? (up ? Math.ceil(tenths) : Math.round(tenths)).toString() : String(tenths)
  }
  const mb = bytes / (1024 * 1024)
  if (mb >= 1) return `${round(mb)} MB`
  const kb = bytes / 1024
  if (kb >= 1) return `${round(kb)} KB`
  return `${bytes} bytes`
}

/** A count with thousands separators: "60,000". */
export const formatCount = (n: number) => n.toLocaleString('en-US')

/**
 * Why a batch of measurements cannot be recorded at once, with the API's limits (rows per
 * request, bytes per request), or null when it can. `what` names how they came: "pasted".
 */
export function measurementBatchRefusal(
  batch: { rows: number; bytes: number },
  what = 'given',
): string | null {
  const split = 'split the data and record it in parts'
  if (batch.rows > MaxMeasurementsPerRequest) {
    return (
      `${formatCount(batch.rows)} rows ${what}; at most ${formatCount(MaxMeasurementsPerRequest)} ` +
      `can be recorded at once — ${split}.`
    )
  }
  if (batch.bytes > MaxMeasurementBodyBytes) {
    return (
      `${formatBytes(batch.bytes, { up: true })} of measurements ${what}; at most ` +
      `${formatBytes(MaxMeasurementBodyBytes)} can be recorded at once — ${split}.`
    )
  }
  return null
}

/** Bytes of a value as JSON, the way the API would receive it. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value))
}
