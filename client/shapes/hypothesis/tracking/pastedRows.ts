import { MeasurementCsvColumns } from '../../../../shared/api/hypotheses'
import { splitCsv } from '../../../../shared/canvases/hypothesis/csvRecords'
import {
  csvRecordsToRows,
  type RowsResult,
} from '../../../../shared/canvases/hypothesis/measurementInput'

/**
 * Reads pasted CSV into checked measurement rows with the ingestion API's rules and words.
 * Rows copied out of a sheet often come without the header: when the first line names one of
 * the metrics rather than the columns, the header is understood.
 */
export function pastedRows(text: string, metricKeys: ReadonlySet<string>): RowsResult {
  const split = splitCsv(text)
  if (!split.ok) return { ok: false, message: split.message }
  const first = split.records[0]
  const headerless = first !== undefined && metricKeys.has(first[0] ?? '')
  const records = headerless ? [[...MeasurementCsvColumns], ...split.records] : split.records
  return csvRecordsToRows(records, metricKeys)
}
