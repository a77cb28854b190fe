/**
 * Escaping of user text in the markdown export. Every character that could open markdown or
 * HTML structure is backslash-escaped; a newline becomes `<br>` (user text can never produce
 * a raw `<`, so this cannot be confused with typed text). `unescapeInline` reverses it exactly:
 * a backslash before ASCII punctuation stands for that character.
 */
const ALWAYS = /[\\`*_[\]<>|~&#]/g
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/

/** Escapes text for one line of GFM (list item, heading or table cell). */
export function escapeInline(text: string): string {
  let out = text.replace(/\r\n?/g, '\n').replace(ALWAYS, (c) => `\\${c}`)
  // Constructs that only matter at the start of a line: list markers and ordered-list numbers.
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
  return out.replace(/\n/g, '<br>')
}

const EDGE_SPACE = '&#32;'

/**
 * Escapes text for a table cell. GFM trims a cell, so spaces at its edges are written as
 * `&#32;` (typed text cannot produce a raw `&`, so this too is unambiguous).
 */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/^ +| +$/g, (spaces) => EDGE_SPACE.repeat(spaces.length))
}

/** The exact inverse of `escapeInline` and `escapeCell`. */
export function unescapeInline(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\' && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1]!)) {
      out += text[i + 1]
      i++
    } else if (c === '<' && text.startsWith('<br>', i)) {
      out += '\n'
      i += 3
    } else if (c === '&' && text.startsWith(EDGE_SPACE, i)) {
      out += ' '
      i += EDGE_SPACE.length - 1
    } else {
      out += c
    }
  }
  return out
}

/** Splits a table row on its unescaped pipes, without the outer ones. */
export function splitTableRow(line: string): string[] | undefined {
  const trimmed = line.trim()
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|') || trimmed.endsWith('\\|'))
    return undefined
  const cells: string[] = []
  let cell = ''
  for (let i = 1; i < trimmed.length; i++) {
    const c = trimmed[i]!
    if (c === '\\' && i + 1 < trimmed.length) {
      cell += c + trimmed[i + 1]
      i++
    } else if (c === '|') {
      cells.push(cell.trim())
      cell = ''
    } else {
      cell += c
    }
  }
  return cells
}
