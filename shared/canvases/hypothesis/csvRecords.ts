import { MeasurementCsvColumns } from '../../api/hypotheses.js'

/** CSV text split into records of trimmed cells, or why it cannot be read. */
export type CsvRecordsResult =
  { ok: true; records: string[][] } | { ok: false; message: string; line?: number }

/**
 * Splits CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF) into records, the way
 * the ingestion API reads an upload: a byte-order mark is dropped, cells are trimmed, empty
 * lines skipped, and a record may leave off trailing columns but never have more than the
 * measurement columns. A browser has no use for a Node CSV library that needs `Buffer`.
 */
export function splitCsv(text: string): CsvRecordsResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let cell = ''
  let quoted = false
  let inQuotes = false
  let line = 1
  let recordLine = 1
  const endCell = () => {
    record.push(quoted ? cell : cell.trim())
    cell = ''
    quoted = false
  }
  const endRecord = () => {
    endCell()
    if (!(record.length === 1 && record[0] === '')) records.push(record)
    record = []
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (inQuotes) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        inQuotes = false
      } else {
        if (c === '\n') line++
        cell += c
      }
      continue
    }
    if (c === '"' && cell.trim() === '') {
      inQuotes = true
      quoted = true
      cell = ''
    } else if (c === '"') {
      return { ok: false, message: `CSV (line ${line}): a quote inside an unquoted cell`, line }
    } else if (c === ',') {
      endCell()
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else if (!(quoted && (c === ' ' || c === '\t'))) {
      // After a closing quote only blanks may follow before the next comma.
      if (quoted) {
        return { ok: false, message: `CSV (line ${line}): text after a closing quote`, line }
      }
      cell += c
    }
  }
  if (inQuotes) {
    return { ok: false, message: `CSV (line ${recordLine}): a quoted cell is never closed` }
  }
  if (cell !== '' || quoted || record.length > 0) endRecord()
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
