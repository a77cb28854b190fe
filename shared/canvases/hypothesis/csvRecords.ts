// The browser build: the same parser in the paste box and the API, without Node's `Buffer`.
import { parse } from 'csv-parse/browser/esm/sync'
import { MeasurementCsvColumns } from '../../api/hypotheses.js'

/** CSV text split into records of trimmed cells, or why it cannot be read. */
export type CsvRecordsResult =
  { ok: true; records: string[][] } | { ok: false; message: string; line?: number }

/**
 * Splits CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF) into records, the way
 * both the paste box and the ingestion API read it: a byte-order mark is dropped, cells are
 * trimmed, empty lines skipped, and a record may leave off trailing columns but never have
 * more than the measurement columns.
 */
export function splitCsv(text: string): CsvRecordsResult {
  let records: string[][]
  try {
    // The byte-order mark is dropped here, since the parser's `bom` check wants its own Buffer
    // stand-in; and it is given bytes, which it reads ten times faster than a string.
    const source = text.startsWith('\uFEFF') ? text.slice(1) : text
    records = parse(new TextEncoder().encode(source), {
      skip_empty_lines: true,
      trim: true,
      // A headerless paste starts with a short row; the column limit is checked below instead.
      relax_column_count: true,
    })
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines
    const line = typeof lines === 'number' ? lines : undefined
    const where = line === undefined ? '' : ` (line ${line})`
    const reason = error instanceof Error ? error.message : 'cannot be read'
    return { ok: false, message: `CSV${where}: ${reason}`, ...(line === undefined ? {} : { line }) }
  }
  const widest = records.findIndex((r) => r.length > MeasurementCsvColumns.length)
  if (widest >= 0) {
    // Numbered as the row checks number them: row 1 is the first line after the header.
    const where = widest === 0 ? 'the header' : `row ${widest}`
    return {
      ok: false,
      message: `CSV: ${where} has more than the columns ${MeasurementCsvColumns.join(',')}`,
    }
  }
  return { ok: true, records }
}
