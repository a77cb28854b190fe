import { formatMs } from './stats.js'

/** One line of the results table. `met` is absent for rows without a goal. */
export interface Row {
  measure: string
  result: string
  goal?: string
  met?: boolean
}

/** A row whose result is compared with a ceiling: met when `value <= ceiling`. */
export function rowWithCeiling(
  measure: string,
  result: string,
  value: number,
  ceiling: number,
  goal: string,
): Row {
  return { measure, result, goal, met: Number.isFinite(value) && value <= ceiling }
}

/** A latency row, compared with `goal` (a ceiling in ms) when there is one. */
export function latencyRow(
  measure: string,
  ms: number,
  goal: number | undefined,
  suffix = '',
): Row {
  const result = formatMs(ms) + suffix
  return goal === undefined
    ? { measure, result }
    : rowWithCeiling(measure, result, ms, goal, `≤ ${goal} ms`)
}

const goalCell = (row: Row) => {
  if (!row.goal) return '—'
  if (row.met === undefined) return row.goal
  return `${row.goal} ${row.met ? '(met)' : '(MISSED)'}`
}

/** Renders rows as a padded markdown table: measure | result | goal. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['measure', 'result', 'goal']
  const cells = rows.map((r) => [r.measure, r.result, goalCell(r)])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (cols: string[]) => `| ${cols.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n')
}
