/** One splice that turns a text into another: delete `deleteCount` at `index`, then insert. */
export interface TextSplice {
  index: number
  deleteCount: number
  insert: string
}

/**
 * The smallest splice from `prev` to `next`, anchored at the caret: after typing or deleting,
 * the caret sits at the end of the changed region, so among equal-length answers (typing "a"
 * into "aa") the one ending at the caret is the edit the person made. That matters when someone
 * else types into the same text at the same moment: their characters stay where they put them.
 */
export function diffText(prev: string, next: string, caret = next.length): TextSplice {
  let endPrev = prev.length
  let endNext = next.length
  const minEndNext = Math.max(0, Math.min(caret, next.length))
  while (endNext > minEndNext && endPrev > 0 && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--
    endNext--
  }
  let start = 0
  const maxStart = Math.min(endPrev, endNext)
  while (start < maxStart && prev[start] === next[start]) start++
  return { index: start, deleteCount: endPrev - start, insert: next.slice(start, endNext) }
}

/** A change as Y.Text reports it in `event.delta`. */
export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[]

/**
 * Where a caret at `position` ends up after a change made by someone else: text inserted before
 * it pushes it right, text deleted before it pulls it left, text inserted exactly at it stays
 * after it (so a remote insert never lands in the middle of what this person is typing).
 */
export function transformPosition(position: number, delta: TextDelta): number {
  let index = 0
  let result = position
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      if (index < result) result += length
      index += length
    } else if (op.delete !== undefined) {
      if (index < result) result -= Math.min(op.delete, result - index)
    }
    if (index > result) break
  }
  return result
}
