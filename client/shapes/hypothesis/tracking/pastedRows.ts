import { MaxMeasurementsPerRequest, MeasurementCsvColumns } from '../../../../shared/api/hypotheses'
import { splitCsv } from '../../../../shared/canvases/hypothesis/csvRecords'
import {
  csvRecordsToRows,
  type RowsResult,
} from '../../../../shared/canvases/hypothesis/measurementInput'
import { measurementBatchRefusal, utf8Bytes } from '../../../sync/changeLimits'

/**
 * Reads pasted CSV into checked measurement rows with the ingestion API's rules and words.
 * Rows copied out of a sheet often come without the header: when the first line names one of
 * the metrics rather than the columns, the header is understood. More rows or bytes than the
 * API takes in one request are refused whole, before any row is checked, as the API would.
 */
export function pastedRows(text: string, metricKeys: ReadonlySet<string>, now: number): RowsResult {
  // Far too many lines is said at once, without reading each cell of a large paste first.
  const lines = lineCount(text)
  if (lines !== null && lines - 1 > MaxMeasurementsPerRequest) {
    const first =
      text
        .slice(0, text.search(/[\r\n]|$/))
        .split(',')[0]
        ?.trim() ?? ''
    const rows = metricKeys.has(first) ? lines : lines - 1
    const tooMany = measurementBatchRefusal({ rows, bytes: 0 }, 'pasted')
    if (tooMany) return { ok: false, message: tooMany }
  }
  const split = splitCsv(text)
  if (!split.ok) return { ok: false, message: split.message }
  const first = split.records[0]
  const headerless = first !== undefined && metricKeys.has(first[0] ?? '')
  const rows = headerless ? split.records.length : split.records.length - 1
  const tooMuch = measurementBatchRefusal({ rows, bytes: utf8Bytes(text) }, 'pasted')
  if (tooMuch) return { ok: false, message: tooMuch }
  const records = headerless ? [[...MeasurementCsvColumns], ...split.records] : split.records
  return csvRecordsToRows(records, metricKeys, now)
}

/**
 * The records of CSV text without quotes: its lines that are not blank. Null when a quoted cell
 * could hold a line break, so only reading the cells can tell.
 */
function lineCount(text: string): number | null {
  if (text.includes('"')) return null
  let count = 0
  let blank = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || c === 13) {
      if (!blank) count++
      blank = true
    } else if (blank && c !== 32 && c !== 9 && c !== 0xfeff) {
      blank = false
    }
  }
  return blank ? count : count + 1
}
