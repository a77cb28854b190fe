import { richTextToPlain } from '../../../shared/doc/richText'
import type { ShapeSide } from '../../../shared/history/boardDiff'

/** A shape drawn where it was: its page box before rotation, its rotation and its text. */
export interface Ghost {
  x: number
  y: number
  w: number
  h: number
  rotation: number
  text: string
}

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

/**
 * Where a shape was, from its old record: its size from its props (a sticky is a square that
 * grew), or a modest box for shapes whose size is in their points.
 */
export function ghostOf(side: ShapeSide): Ghost {
  const { record, page } = side
  const props = (record.props ?? {}) as Record<string, unknown>
  const scale = num(props.scale, 1)
  let w = num(props.w, NaN)
  let h = num(props.h, NaN)
  if (record.type === 'note') {
    w = 200
    h = 200 + num(props.growY, 0)
  } else if (record.type === 'text') {
    h = Number.isNaN(h) ? 40 : h
  }
  if (Number.isNaN(w)) w = 120
  if (Number.isNaN(h)) h = 80
  const text = richTextToPlain(props.richText) || (typeof props.name === 'string' ? props.name : '')
  return {
    x: page.x,
    y: page.y,
    w: w * scale,
    h: h * scale,
    rotation: page.rotation,
    text: text.trim(),
  }
}
