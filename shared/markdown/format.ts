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
