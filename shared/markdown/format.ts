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

/** A number as written in the export: shortest exact form, empty for none. */
export const formatNumber = (n: number | null | undefined) =>
  n === null || n === undefined ? '' : String(n)

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
