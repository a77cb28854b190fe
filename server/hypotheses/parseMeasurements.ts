import { parse } from 'csv-parse/sync'
import {
  MaxMeasurementsPerRequest,
  MeasurementCsvColumns,
  MeasurementInputSchema,
  MeasurementsBodySchema,
  type MeasurementInput,
} from '../../shared/api/hypotheses.js'
import { ApiError } from '../http/errors.js'

const fail = (message: string, details?: unknown): never => {
  throw new ApiError('invalid_body', message, details)
}

/** Validates every row; the first bad one fails the whole request, naming its row and field. */
function validateRows(
  rows: unknown[],
  rowOffset: number,
  metricKeys: ReadonlySet<string>,
): MeasurementInput[] {
  return rows.map((row, i) => {
    const rowNumber = i + rowOffset
    const parsed = MeasurementInputSchema.safeParse(row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = String(issue.path[0] ?? 'row')
      fail(`row ${rowNumber}: ${field} ${issue.message}`, { row: rowNumber, field })
    }
    const m = parsed.data!
    if (!metricKeys.has(m.metric)) {
      fail(`row ${rowNumber}: metric "${m.metric}" is not a metric of this hypothesis`, {
        row: rowNumber,
        field: 'metric',
      })
    }
    return m
  })
}

/** Reads a JSON body `{ measurements: [...] }`; rows are numbered from 1. */
export function parseJsonMeasurements(body: unknown, metricKeys: ReadonlySet<string>) {
  const parsed = MeasurementsBodySchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    fail(`${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  return {
    rows: validateRows(parsed.data!.measurements, 1, metricKeys),
    baseline: parsed.data!.baseline,
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
) {
  let records: string[][]
  try {
    // Trailing optional columns may be left off (`conversion,0.051`); extra columns are an error.
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count_less: true,
    })
  } catch (error) {
    const line = (error as { lines?: number }).lines
    const where = typeof line === 'number' ? ` (line ${line})` : ''
    return fail(`CSV${where}: ${error instanceof Error ? error.message : 'cannot be read'}`)
  }
  const [header, ...data] = records
  if (!header || header.join(',') !== MeasurementCsvColumns.join(',')) {
    fail(`CSV: the header must be ${MeasurementCsvColumns.join(',')}`)
  }
  if (data.length === 0) fail('CSV: no measurements')
  if (data.length > MaxMeasurementsPerRequest) {
    fail(`CSV: at most ${MaxMeasurementsPerRequest} measurements per request`)
  }
  const rows = data.map(([metric, value, at, source, id]) => ({
    metric,
    value:
      value === '' || value === undefined || Number.isNaN(Number(value)) ? value : Number(value),
    ...(at ? { at } : {}),
    ...(source ? { source } : {}),
    ...(id ? { id } : {}),
  }))
  return { rows: validateRows(rows, 1, metricKeys), baseline }
}
