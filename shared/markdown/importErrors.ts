/** How import refusals quote what they found, so a long line does not drown the message. */
export function quoted(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text
  return `"${short}"`
}

/** A row with the wrong number of cells: "a metric row needs 10 cells, found 3." */
export const cellCount = (row: string, expected: number, found: number) =>
  `${row} needs ${expected} cells, found ${found}.`

/** A value that is not one of a closed set: 'status "done" is not one of draft, ready.' */
export const notOneOf = (what: string, found: string, allowed: readonly string[]) =>
  `${what} ${quoted(found)} is not one of ${allowed.join(', ')}.`

/** What a zod issue says, with the value it was about. */
export function foundValue(value: unknown, path: readonly PropertyKey[]): string {
  let v = value
  for (const key of path) {
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined
  }
  if (v === undefined) return 'nothing'
  if (v === null) return 'an empty cell'
  if (typeof v === 'string') return v === '' ? 'an empty cell' : quoted(v)
  if (typeof v === 'number') return Number.isNaN(v) ? 'not a number' : String(v)
  return quoted(JSON.stringify(v))
}
