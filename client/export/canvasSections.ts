import {
  getCanvasSpec,
  type CanvasContent,
  type CanvasTracking,
} from '../../shared/canvases/registry'
import { splitTableRow, unescapeInline } from '../../shared/markdown/escape'

/** A part of a canvas beyond its boxes (metrics, a value stream's steps), as rows of cells. */
export interface CanvasSection {
  heading: string
  /** The first row names the columns when the section is a table. */
  rows: string[][]
  isTable: boolean
}

const MarkerPattern = /<!--.*?-->/g

/**
 * The `###` sections of a canvas's markdown that are not boxes: what a kind adds beside its
 * boxes, read from its own export so no kind is named here.
 */
export function canvasSections(
  content: CanvasContent,
  tracking: CanvasTracking | undefined,
  now: number,
): CanvasSection[] {
  const spec = getCanvasSpec(content.kind)
  if (!spec.markdown) return []
  const boxLabels = new Set(spec.definition.boxes.map((b) => b.label.toLowerCase()))
  const sections: CanvasSection[] = []
  let current: CanvasSection | null = null
  for (const line of spec.markdown.export(content, tracking, now)) {
    const heading = /^###\s+(.*)$/.exec(line)
    if (heading) {
      const name = heading[1]!.replace(MarkerPattern, '').trim()
      current = boxLabels.has(name.toLowerCase())
        ? null
        : { heading: name, rows: [], isTable: false }
      if (current) sections.push(current)
      continue
    }
    if (!current) continue
    const trimmed = line.trim()
    if (trimmed === '' || /^<!--.*-->$/.test(trimmed)) continue
    if (/^\|[\s:|-]+\|$/.test(trimmed)) continue
    const cells = splitTableRow(trimmed)
    if (cells) {
      current.isTable = true
      current.rows.push(cells.map(plain))
    } else {
      current.rows.push([plain(trimmed)])
    }
  }
  return sections.filter((s) => s.rows.length > 0)
}

function plain(text: string): string {
  return unescapeInline(text.replace(MarkerPattern, '').replace(/\*\*/g, '').trim())
}
