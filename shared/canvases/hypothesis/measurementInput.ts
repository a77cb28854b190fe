import {
  MeasurementCsvColumns,
  MeasurementInputSchema,
  type MeasurementInput,
} from '../../api/hypotheses.js'
import type { Measurement } from './tracking.js'

/**
 * Checks on measurements as people and systems enter them, shared by the ingestion API and the
 * canvas (typing a value, pasting CSV), so both refuse the same rows with the same words.
 */
export type RowsResult =
  | { ok: true; rows: MeasurementInput[] }
  | { ok: false; message: string; row?: number; field?: string }

/** How far ahead of the server's clock an observation time may be: clocks drift a little. */
export const MaxClockSkewMs = 5 * 60 * 1000

/** Why a value observed at `at` cannot be recorded at `now`, or null: nothing is measured ahead. */
export function futureRefusal(at: string, now: number): string | null {
  if (Date.parse(at) <= now + MaxClockSkewMs) return null
  return `is in the future (${new Date(Date.parse(at)).toISOString()} is later than now, ${new Date(now).toISOString()}, by more than 5 minutes)`
}

/**
 * Validates every row (numbered from 1) as of `now`; the first bad one fails them all, naming
 * row and field.
 */
export function validateMeasurementRows(
  rows: readonly unknown[],
  metricKeys: ReadonlySet<string>,
  now: number,
): RowsResult {
  const out: MeasurementInput[] = []
  for (const [i, row] of rows.entries()) {
    const n = i + 1
    const parsed = MeasurementInputSchema.safeParse(row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = String(issue.path[0] ?? 'row')
      return { ok: false, message: `row ${n}: ${field} ${issue.message}`, row: n, field }
    }
    if (!metricKeys.has(parsed.data.metric)) {
      const message = `row ${n}: metric "${parsed.data.metric}" is not a metric of this hypothesis`
      return { ok: false, message, row: n, field: 'metric' }
    }
    const future = parsed.data.at === undefined ? null : futureRefusal(parsed.data.at, now)
    if (future) return { ok: false, message: `row ${n}: at ${future}`, row: n, field: 'at' }
    out.push(parsed.data)
  }
  return { ok: true, rows: out }
}

/**
 * Turns CSV records (already split into cells, header first) into rows. The header names the
 * columns it has, from `metric,value,at,source,id`, in any order (`metric,value` is enough);
 * empty cells and cells left off mean "not given".
 */
export function csvRecordsToRows(
  records: readonly (readonly string[])[],
  metricKeys: ReadonlySet<string>,
  now: number,
): RowsResult {
  const [header, ...data] = records
  const columns = readCsvHeader(header ?? [])
  if (!columns.ok) return columns
  if (data.length === 0) return { ok: false, message: 'CSV: no measurements' }
  const wide = data.findIndex((cells) => cells.length > columns.index.size)
  if (wide >= 0) {
    const n = wide + 1
    const message = `row ${n}: found ${data[wide]!.length} cells, expected at most ${columns.index.size} (the header names ${[...columns.index.keys()].join(',')})`
    return { ok: false, message, row: n }
  }
  const rows = data.map((cells) => {
    const cell = (name: MeasurementCsvColumn) => {
      const at = columns.index.get(name)
      return at === undefined ? undefined : cells[at]
    }
    const value = cell('value')
    const [at, source, id] = [cell('at'), cell('source'), cell('id')]
    return {
      metric: cell('metric'),
      // Left as text when it is not a number, so the check names the value as the bad field.
      value:
        value === undefined || value.trim() === '' || Number.isNaN(Number(value))
          ? value
          : Number(value),
      ...(at ? { at } : {}),
      ...(source ? { source } : {}),
      ...(id ? { id } : {}),
    }
  })
  return validateMeasurementRows(rows, metricKeys, now)
}

type MeasurementCsvColumn = (typeof MeasurementCsvColumns)[number]
const isCsvColumn = (name: string): name is MeasurementCsvColumn =>
  (MeasurementCsvColumns as readonly string[]).includes(name)

/** Where each column named by a CSV header is, or what is wrong with the header. */
function readCsvHeader(
  header: readonly string[],
): { ok: true; index: Map<MeasurementCsvColumn, number> } | { ok: false; message: string } {
  const expected = `expected column names from ${MeasurementCsvColumns.join(',')}, metric and value at least`
  const index = new Map<MeasurementCsvColumn, number>()
  for (const [i, raw] of header.entries()) {
    const name = raw.trim()
    if (!isCsvColumn(name)) {
      const found = name === '' ? 'an empty column name' : `"${name}"`
      return { ok: false, message: `CSV header: column ${i + 1} is ${found}; ${expected}.` }
    }
    if (index.has(name))
      return { ok: false, message: `CSV header: "${name}" is named twice; ${expected}.` }
    index.set(name, i)
  }
  const missing = (['metric', 'value'] as const).filter((name) => !index.has(name))
  if (missing.length > 0) {
    const found = header.length === 0 ? 'no header' : `the header ${header.join(',')}`
    return {
      ok: false,
      message: `CSV header: found ${found}, with no ${missing.join(' or ')} column; ${expected}.`,
    }
  }
  return { ok: true, index }
}

/** A measurement to record, from a checked row. */
export function toMeasurement(
  row: MeasurementInput,
  context: { baseline: boolean; by: string; now: number; id: string },
): Measurement {
  const iso = (t: number) => new Date(t).toISOString()
  return {
    id: row.id ?? context.id,
    metric: row.metric,
    value: row.value,
    at: row.at ? iso(Date.parse(row.at)) : iso(context.now),
    source: row.source || null,
    baseline: row.baseline ?? context.baseline,
    recordedAt: iso(context.now),
    by: context.by,
  }
}
