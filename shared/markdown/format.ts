/** Fixed strings of the markdown format (docs/markdown-format.md), shared by export and import. */
export const FormatVersion = 1
export const ExportMarker = `<!-- discovery-board export version="${FormatVersion}" -->`

/** An invisible marker: `<!-- name key="value" … -->`. */
export function marker(name: string, attrs: Record<string, string | number> = {}): string {
  const parts = Object.entries(attrs).map(([k, v]) => `${k}="${v}"`)
  return `<!-- ${[name, ...parts].join(' ')} -->`
}

const MARKER = /<!-- ([a-z-]+)((?: [a-zA-Z]+="[^"]*")*) -->\s*$/

/** Reads a marker at the end of a line; returns the line before it as well. */
export function readMarker(
  line: string,
): { name: string; attrs: Record<string, string>; before: string } | undefined {
  const match = MARKER.exec(line)
  if (!match) return undefined
  const attrs: Record<string, string> = {}
  for (const m of match[2]!.matchAll(/ ([a-zA-Z]+)="([^"]*)"/g)) attrs[m[1]!] = m[2]!
  return { name: match[1]!, attrs, before: line.slice(0, match.index).replace(/ $/, '') }
}

export const StepColumns = [
  '#',
  'Step',
  'Owner',
  'Process time (min)',
  'Lead time (min)',
  'Wait (min)',
  '%C&A',
  'Classification',
  'Wastes',
] as const

export const MetricColumns = [
  'Metric',
  'Key',
  'Kind',
  'Unit',
  'Direction',
  'Baseline',
  'Baseline at',
  'Baseline source',
  'Target',
  'Tolerance',
] as const

/** A number as written in the export: shortest exact form, empty for none. */
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : String(n)

/** Row labels of a hypothesis's status table, in order. */
export const StatusLabels = {
  status: 'Status',
  days: 'Time box (days)',
  start: 'Started',
  end: 'Time box ends',
  verdict: 'Verdict',
  predecessor: 'Follows',
  successor: 'Followed by',
} as const

export const LessonColumns = ['At', 'By', 'Lesson'] as const
export const AmendmentColumns = ['At', 'By', 'Metric', 'Reason', 'Change'] as const
export const SummaryColumns = [
  'Metric',
  'Count',
  'First',
  'First at',
  'Latest',
  'Latest at',
  'Target',
] as const
export const MeasurementColumns = [
  'Metric',
  'Value',
  'At',
  'Baseline',
  'Source',
  'Recorded at',
  'By',
  'Id',
] as const
export const DecisionColumns = ['Decision', 'Rationale', 'By', 'At'] as const

/** The full measurement list is folded away: readers want the summary, import wants it all. */
export const measurementsDetailsOpen = (count: number) =>
  `<details><summary>Every measurement (${count})</summary>`
export const measurementsDetailsClose = '</details>'
export const DetailsLine = /^(<details><summary>Every measurement \(\d+\)<\/summary>|<\/details>)$/

/** JSON in a marker attribute: base64url of its UTF-8, so no quote or `-->` can appear. */
export function encodeMarkerJson(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The inverse of `encodeMarkerJson`; throws on anything else. */
export function decodeMarkerJson(text: string): unknown {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
}
