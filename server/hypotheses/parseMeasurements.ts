import { MaxMeasurementsPerRequest, MeasurementsBodySchema } from '../../shared/api/hypotheses.js'
import { splitCsv } from '../../shared/canvases/hypothesis/csvRecords.js'
import {
  csvRecordsToRows,
  validateMeasurementRows,
  type RowsResult,
} from '../../shared/canvases/hypothesis/measurementInput.js'
import { ApiError } from '../http/errors.js'

const fail = (message: string, details?: unknown): never => {
  throw new ApiError('invalid_body', message, details)
}

const rowsOrFail = (result: RowsResult) =>
  result.ok
    ? result.rows
    : fail(
        result.message,
        result.row === undefined ? undefined : { row: result.row, field: result.field },
      )

/** Reads a JSON body `{ measurements: [...] }`; rows are numbered from 1. */
export function parseJsonMeasurements(body: unknown, metricKeys: ReadonlySet<string>, now: number) {
  const parsed = MeasurementsBodySchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return fail(`${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return {
    rows: rowsOrFail(validateMeasurementRows(parsed.data.measurements, metricKeys, now)),
    baseline: parsed.data.baseline,
  }
}

/**
 * Reads CSV with the header `metric,value,at,source,id`; rows are numbered as data rows from 1
 * (row 1 is the line after the header).
 */
export function parseCsvMeasurements(
  text: string,
  metricKeys: ReadonlySet<string>,
  baseline: boolean | undefined,
  now: number,
) {
  // The paste box reads CSV with the same function, so both accept and refuse the same text.
  const split = splitCsv(text)
  if (!split.ok) return fail(split.message)
  const { records } = split
  if (records.length - 1 > MaxMeasurementsPerRequest) {
    fail(`CSV: at most ${MaxMeasurementsPerRequest} measurements per request`)
  }
  return { rows: rowsOrFail(csvRecordsToRows(records, metricKeys, now)), baseline }
}
