import { hasDrawings, type DrawnContent, type DrawnFrame } from '../doc/drawings.js'
import { escapeInline } from './escape.js'
import { marker } from './format.js'

/** The heading of the section that lists what people drew; import skips the section. */
export const DrawingsHeading = 'Stickies and shapes'
/** The heading of what sits on the board outside every frame, when there are frames. */
export const OutsideFramesHeading = 'Outside frames'

/** Markdown headings go no deeper than six levels; deeper frames stay at the sixth. */
const heading = (level: number, text: string) => `${'#'.repeat(Math.min(level, 6))} ${text}`

/** The shapes with text as list items (author after a dash), then the arrows as `A → B`. */
function list(content: DrawnContent): string[] {
  const lines = [
    ...content.items.map(
      (item) =>
        `- ${escapeInline(item.text)}${item.author ? ` — ${escapeInline(item.author)}` : ''}`,
    ),
    ...content.arrows.map(
      (arrow) =>
        `- ${escapeInline(arrow.from)} → ${escapeInline(arrow.to)}` +
        (arrow.label ? ` (${escapeInline(arrow.label)})` : ''),
    ),
  ]
  return lines.length > 0 ? [...lines, ''] : []
}

function frameSection(frame: DrawnFrame, level: number): string[] {
  if (!hasDrawings(frame)) return []
  return [
    heading(level, escapeInline(frame.title)),
    '',
    ...list(frame),
    ...frame.frames.flatMap((f) => frameSection(f, level + 1)),
  ]
}

/**
 * What people drew (docs/markdown-format.md): each frame under its title, frames inside it
 * one level deeper, then what is outside every frame; nothing when nothing has text.
 */
export function drawingsSection(content: DrawnContent): string[] {
  if (!hasDrawings(content)) return []
  const frames = content.frames.flatMap((f) => frameSection(f, 3))
  const outside = list(content)
  return [
    heading(2, DrawingsHeading),
    marker('drawings'),
    '',
    ...frames,
    ...(frames.length > 0 && outside.length > 0
      ? [heading(3, OutsideFramesHeading), '', ...outside]
      : outside),
  ]
}
