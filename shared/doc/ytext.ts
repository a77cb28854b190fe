import * as Y from 'yjs'

/**
 * Replaces the content of a Y.Text with `next` by deleting and inserting only the part that
 * changed, so a concurrent edit elsewhere in the same text survives.
 */
export function setYText(text: Y.Text, next: string) {
  const prev = text.toString()
  if (prev === next) return
  let start = 0
  const max = Math.min(prev.length, next.length)
  while (start < max && prev[start] === next[start]) start++
  let endPrev = prev.length
  let endNext = next.length
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--
    endNext--
  }
  if (endPrev > start) text.delete(start, endPrev - start)
  if (endNext > start) text.insert(start, next.slice(start, endNext))
}

/** A Y.Text holding `value`. */
export function yText(value: string) {
  const text = new Y.Text()
  text.insert(0, value)
  return text
}
