import { EntityIdSchema, MetricLinkSchema, type MetricLink } from '../canvases/baseContent.js'
import type { z } from 'zod'
import {
  CanvasContentSchema,
  CanvasKinds,
  getCanvasSpec,
  isCanvasKind,
  type CanvasContent,
  type CanvasTracking,
} from '../canvases/registry.js'
import type { ImportLine, SectionReader } from '../canvases/types.js'
import { emptyCanvas } from '../doc/canvasDoc.js'
import { splitTableRow, unescapeInline } from './escape.js'
import type { ExportCanvas } from './exportMarkdown.js'
import { ExportMarker, readMarker } from './format.js'
import { cellCount, foundValue, notOneOf, quoted } from './importErrors.js'

/** A markdown file that is not a valid export; `line` is 1-based. */
export class MarkdownImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`)
  }
}

export interface ImportedBoard {
  title: string | undefined
  /** A hypothesis comes with its tracked state (status, measurements, decision, …). */
  canvases: ExportCanvas[]
}

type KindReader = SectionReader<CanvasContent, CanvasTracking>
type Section =
  | { type: 'none' }
  | { type: 'fields' }
  | { type: 'box'; key: string }
  | { type: 'kind'; reader: KindReader }

const SEPARATOR_CELL = /^:?-{3,}:?$/
const specs = CanvasKinds.map(getCanvasSpec)
/** Lines some kind writes for presentation only. */
const skipLines = specs.flatMap((s) => s.markdown?.skipLine ?? [])

/** Parses markdown written by the export (docs/markdown-format.md) back into canvases. */
export function importMarkdown(markdown: string): ImportedBoard {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  if (lines[0] !== ExportMarker) {
    throw new MarkdownImportError(
      1,
      `found ${quoted(lines[0] ?? '')}, expected the export marker ${ExportMarker} first.`,
    )
  }
  let title: string | undefined
  const canvases: ExportCanvas[] = []
  let canvas: ExportCanvas | undefined
  let section: Section = { type: 'none' }
  let headingTitle: string | undefined
  // Inside the section of what people drew, which is for reading and is not imported.
  let inDrawings = false

  const fail = (index: number, message: string): never => {
    throw new MarkdownImportError(index + 1, message)
  }
  const parse = <T>(index: number, schema: z.ZodType<T>, value: unknown, what: string): T => {
    const result = schema.safeParse(value)
    if (!result.success) {
      const issue = result.error.issues[0]!
      const found = foundValue(value, issue.path)
      fail(index, `${what}: ${issue.path.join('.') || 'value'} ${issue.message}, found ${found}.`)
    }
    return result.data as T
  }
  const at = (index: number): ImportLine => ({ index, fail, parse })

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    if (inDrawings && !line.startsWith('## ')) continue
    inDrawings = false
    if (skipLines.some((skip) => skip.test(line))) continue

    if (headingTitle !== undefined) {
      const m = readMarker(line)
      // What people drew and their comments are for reading: not imported.
      if ((m?.name === 'drawings' || m?.name === 'comments') && m.before === '') {
        inDrawings = true
        headingTitle = undefined
        canvas = undefined
        continue
      }
      if (!m || m.name !== 'canvas' || m.before !== '')
        fail(
          i,
          `found ${quoted(line)}, expected <!-- canvas id="…" kind="…" --> after the heading.`,
        )
      const kind = m!.attrs.kind
      if (!isCanvasKind(kind)) return fail(i, notOneOf('canvas kind', kind ?? '', CanvasKinds))
      const id = parse<string>(i, EntityIdSchema, m!.attrs.id, 'canvas id')
      if (canvases.some((c) => c.id === id))
        fail(i, `canvas id ${id} appears twice, expected each canvas id once.`)
      const tracking = getCanvasSpec(kind).tracking?.empty()
      canvas = { ...emptyCanvas(kind, headingTitle, id), ...(tracking && { tracking }) }
      canvases.push(canvas)
      headingTitle = undefined
      section = { type: 'none' }
      continue
    }

    if (line.startsWith('## ')) {
      headingTitle = unescapeInline(line.slice(3))
      continue
    }
    if (line.startsWith('# ')) {
      if (canvases.length > 0 || title !== undefined)
        fail(
          i,
          `found the title ${quoted(line)}, expected the board title once, before any canvas.`,
        )
      title = unescapeInline(line.slice(2))
      continue
    }
    if (!canvas) return fail(i, `found ${quoted(line)}, expected a canvas heading (## title).`)
    const c = canvas
    const spec = getCanvasSpec(c.kind)
    const definition = spec.definition
    if (line.startsWith('### ') || line.startsWith('> ')) continue

    const m = readMarker(line)
    if (m && m.before === '') {
      if (m.name === 'fields') {
        section = { type: 'fields' }
        continue
      }
      if (m.name === 'box') {
        if (!definition.boxes.some((b) => b.key === m.attrs.key)) {
          const keys = definition.boxes.map((b) => b.key)
          fail(
            i,
            `a ${c.kind} canvas has no box ${quoted(m.attrs.key ?? '')}; expected one of ${keys.join(', ')}.`,
          )
        }
        section = { type: 'box', key: m.attrs.key! }
        continue
      }
      const own = spec.markdown?.sections[m.name]
      if (own) {
        section = { type: 'kind', reader: own.open(m.attrs, at(i)) }
        continue
      }
      const owner = specs.find((s) => s.markdown?.sections[m.name])
      const other = owner?.markdown?.sections[m.name]
      if (!owner || !other) return fail(i, `found the unknown marker ${quoted(m.name)}.`)
      if (!other.skippedElsewhere)
        fail(
          i,
          `found ${other.what} in a ${c.kind} canvas; only ${owner.markdown!.owner} has ${other.what}.`,
        )
      section = { type: 'kind', reader: {} }
      continue
    }

    // A kind that tracks has its tracking from the canvas marker on; others never read it.
    const tracking = c.tracking!
    if (section.type === 'kind' && section.reader.line) {
      section.reader.line(line, c, tracking, at(i))
      section = { type: 'none' }
      continue
    }

    if (section.type === 'box') {
      if (!line.startsWith('- ')) fail(i, `found ${quoted(line)}, expected a list item (- text).`)
      const item = readMarker(line.slice(2))
      if (!item || item.name !== 'item')
        fail(i, `found ${quoted(line)}, expected <!-- item id="…" --> at the end of the item.`)
      const id = parse<string>(i, EntityIdSchema, item!.attrs.id, 'item id')
      const items = (c.boxes[section.key] ??= [])
      if (Object.values(c.boxes).some((list) => list.some((x) => x.id === id))) {
        fail(i, `item id ${id} appears twice, expected each item id once.`)
      }
      const { canvas: linkedCanvas, metric: metricKey } = item!.attrs
      const boxKey = section.key
      let metric: MetricLink | undefined
      if (linkedCanvas !== undefined || metricKey !== undefined) {
        const box = definition.boxes.find((b) => b.key === boxKey)
        if (!box?.metricLinks) {
          const linkable = specs.flatMap((s) =>
            s.definition.boxes.filter((b) => b.metricLinks).map((b) => `${s.kind} ${b.key}`),
          )
          fail(
            i,
            `found a metric link on an item of ${c.kind} ${boxKey}, expected links only in ${linkable.join(', ')}.`,
          )
        }
        metric = parse(
          i,
          MetricLinkSchema,
          { canvasId: linkedCanvas, metricKey },
          'metric link (canvas="…" metric="…")',
        )
      }
      items.push({ id, text: unescapeInline(item!.before), ...(metric && { metric }) })
      continue
    }

    const cells = splitTableRow(line)
    if (!cells)
      return fail(i, `found ${quoted(line)}, expected a table row, a list item or a marker.`)
    if (cells.every((cell) => SEPARATOR_CELL.test(cell))) continue
    if (section.type === 'fields') {
      if (cells[0] === 'Field') continue
      const f = readMarker(cells[0]!)
      if (cells.length !== 2) fail(i, cellCount('a field row', 2, cells.length))
      if (!f || f.name !== 'field')
        fail(
          i,
          `found ${quoted(cells[0]!)}, expected label <!-- field key="…" --> in the first cell.`,
        )
      const keys = definition.fields.map((d) => d.key)
      if (!keys.includes(f!.attrs.key ?? ''))
        fail(
          i,
          `a ${c.kind} canvas has no field ${quoted(f!.attrs.key ?? '')}; expected one of ${keys.join(', ')}.`,
        )
      c.fields[f!.attrs.key!] = unescapeInline(cells[1]!)
      continue
    }
    if (section.type === 'kind') {
      // Without a row reader the section is computed on export: nothing to read.
      section.reader.row?.(cells, c, tracking, at(i))
      continue
    }
    fail(
      i,
      `found a table row ${quoted(line)} outside a section, expected a section marker before it.`,
    )
  }
  if (headingTitle !== undefined)
    fail(
      lines.length - 1,
      'found a canvas heading at the end, expected its <!-- canvas … --> marker.',
    )
  for (const c of canvases) {
    const result = CanvasContentSchema.safeParse(c)
    if (!result.success)
      throw new MarkdownImportError(1, `canvas ${c.id}: ${result.error.issues[0]?.message}`)
    const trackingSchema = getCanvasSpec(c.kind).tracking?.schema
    if (trackingSchema && c.tracking) {
      const tracking = trackingSchema.safeParse(c.tracking)
      if (!tracking.success) {
        const issue = tracking.error.issues[0]
        throw new MarkdownImportError(
          1,
          `canvas ${c.id}: ${issue?.path.join('.')} ${issue?.message}`,
        )
      }
    }
  }
  return { title, canvases }
}
