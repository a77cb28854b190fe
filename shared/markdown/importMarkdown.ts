import { getCanvasDefinition } from '../canvases/registry.js'
import {
  CanvasContentSchema,
  CanvasKinds,
  EntityIdSchema,
  MetricSchema,
  StepSchema,
  type CanvasContent,
  type CanvasKind,
} from '../canvases/schema.js'
import { emptyCanvas } from '../doc/canvasDoc.js'
import { HypothesisTrackingSchema, emptyTracking } from '../canvases/hypothesis/tracking.js'
import { splitTableRow, unescapeInline } from './escape.js'
import type { ExportCanvas } from './exportMarkdown.js'
import { readTrackingRow } from './readTrackingRows.js'
import { DetailsLine, ExportMarker, MetricColumns, StepColumns, readMarker } from './format.js'

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

type Section =
  | { type: 'none' }
  | { type: 'fields' }
  | { type: 'sentence' }
  | { type: 'box'; key: string }
  | { type: 'metrics' }
  | { type: 'steps'; state: 'current' | 'future' }
  | { type: 'figures' }
  | { type: 'status' }
  | { type: 'lessons' }
  | { type: 'amendments' }
  | { type: 'measurement-summary' }
  | { type: 'measurements' }
  | { type: 'decision' }

const SENTENCE =
  /^\*\*We believe that\*\* (.*) \*\*will result in\*\* (.*) \*\*We will know we've succeeded when\*\* (.*)$/
const SEPARATOR_CELL = /^:?-{3,}:?$/
const num = (s: string) => (s === '' ? null : Number(s))

/** Parses markdown written by the export (docs/markdown-format.md) back into canvases. */
export function importMarkdown(markdown: string): ImportedBoard {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  if (lines[0] !== ExportMarker) {
    throw new MarkdownImportError(1, `expected the export marker ${ExportMarker}`)
  }
  let title: string | undefined
  const canvases: ExportCanvas[] = []
  let canvas: ExportCanvas | undefined
  let section: Section = { type: 'none' }
  let expectCanvasMarker = false

  const fail = (index: number, message: string): never => {
    throw new MarkdownImportError(index + 1, message)
  }
  const parse = <T>(
    index: number,
    schema: {
      safeParse(v: unknown): {
        success: boolean
        data?: T
        error?: { issues: { path: PropertyKey[]; message: string }[] }
      }
    },
    value: unknown,
    what: string,
  ): T => {
    const result = schema.safeParse(value)
    if (!result.success) {
      const issue = result.error!.issues[0]!
      fail(index, `${what}: ${issue.path.join('.') || 'value'} ${issue.message}`)
    }
    return result.data as T
  }

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    // The fold around the full list of measurements is presentation only.
    if (DetailsLine.test(line)) continue

    if (expectCanvasMarker) {
      const m = readMarker(line)
      if (!m || m.name !== 'canvas' || m.before !== '')
        fail(i, 'expected <!-- canvas id="…" kind="…" -->')
      const kind = m!.attrs.kind as CanvasKind
      if (!CanvasKinds.includes(kind)) fail(i, `unknown canvas kind "${m!.attrs.kind}"`)
      const id = parse<string>(i, EntityIdSchema, m!.attrs.id, 'canvas id')
      if (canvases.some((c) => c.id === id)) fail(i, `canvas id ${id} appears twice`)
      canvas = { ...emptyCanvas(kind, canvas!.title, id) }
      if (kind === 'hypothesis') canvas.tracking = emptyTracking()
      canvases.push(canvas)
      expectCanvasMarker = false
      section = { type: 'none' }
      continue
    }

    if (line.startsWith('## ')) {
      canvas = { ...emptyCanvas('lean'), title: unescapeInline(line.slice(3)) }
      expectCanvasMarker = true
      continue
    }
    if (line.startsWith('# ')) {
      if (canvases.length > 0 || title !== undefined)
        fail(i, 'the board title must come first, once')
      title = unescapeInline(line.slice(2))
      continue
    }
    if (!canvas) fail(i, 'expected a canvas heading (## title)')
    const c = canvas!
    const definition = getCanvasDefinition(c.kind)
    if (line.startsWith('### ') || line.startsWith('> ')) continue

    const m = readMarker(line)
    if (m && m.before === '') {
      switch (m.name) {
        case 'fields':
          section = { type: 'fields' }
          continue
        case 'sentence':
          if (c.kind !== 'hypothesis') fail(i, 'only a hypothesis canvas has a sentence')
          section = { type: 'sentence' }
          continue
        case 'box':
          if (!definition.boxes.some((b) => b.key === m.attrs.key)) {
            fail(i, `a ${c.kind} canvas has no box "${m.attrs.key}"`)
          }
          section = { type: 'box', key: m.attrs.key! }
          continue
        case 'metrics':
          if (c.kind !== 'hypothesis') fail(i, 'only a hypothesis canvas has metrics')
          section = { type: 'metrics' }
          continue
        case 'steps':
          if (c.kind !== 'vsm') fail(i, 'only a value-stream map has steps')
          if (m.attrs.state !== 'current' && m.attrs.state !== 'future')
            fail(i, 'steps state must be current or future')
          section = { type: 'steps', state: m.attrs.state as 'current' | 'future' }
          continue
        case 'figures':
          section = { type: 'figures' }
          continue
        case 'status':
        case 'lessons':
        case 'amendments':
        case 'measurement-summary':
        case 'measurements':
        case 'decision':
          if (!c.tracking) fail(i, `only a hypothesis canvas has ${m.name}`)
          section = { type: m.name }
          continue
        default:
          fail(i, `unknown marker "${m.name}"`)
      }
    }

    if (section.type === 'sentence') {
      const s = SENTENCE.exec(line)
      if (!s) fail(i, 'expected the hypothesis sentence')
      c.fields.belief = unescapeInline(s![1]!)
      c.fields.expectedResult = unescapeInline(s![2]!)
      c.fields.successSignal = unescapeInline(s![3]!)
      section = { type: 'none' }
      continue
    }

    if (section.type === 'box') {
      if (!line.startsWith('- ')) fail(i, 'expected a list item (- text)')
      const item = readMarker(line.slice(2))
      if (!item || item.name !== 'item')
        fail(i, 'expected <!-- item id="…" --> at the end of the item')
      const id = parse<string>(i, EntityIdSchema, item!.attrs.id, 'item id')
      const items = (c.boxes[section.key] ??= [])
      if (Object.values(c.boxes).some((list) => list.some((x) => x.id === id))) {
        fail(i, `item id ${id} appears twice`)
      }
      items.push({ id, text: unescapeInline(item!.before) })
      continue
    }

    const cells = splitTableRow(line)
    if (!cells) fail(i, 'unexpected line')
    if (cells!.every((cell) => SEPARATOR_CELL.test(cell))) continue
    switch (section.type) {
      case 'fields': {
        if (cells![0] === 'Field') continue
        const f = readMarker(cells![0]!)
        if (!f || f.name !== 'field' || cells!.length !== 2)
          fail(i, 'expected | label <!-- field key="…" --> | value |')
        if (!definition.fields.some((d) => d.key === f!.attrs.key))
          fail(i, `unknown field "${f!.attrs.key}"`)
        c.fields[f!.attrs.key!] = unescapeInline(cells![1]!)
        continue
      }
      case 'metrics': {
        if (cells!.join('|') === MetricColumns.join('|')) continue
        if (cells!.length !== MetricColumns.length)
          fail(i, `a metric row has ${MetricColumns.length} cells`)
        const [name, key, kind, unit, direction, baseline, at, source, target, tolerance] = cells!
        const marker = readMarker(name!)
        if (!marker || marker.name !== 'metric')
          fail(i, 'expected <!-- metric id="…" --> in the first cell')
        const metric = parse(
          i,
          MetricSchema,
          {
            id: marker!.attrs.id,
            name: unescapeInline(marker!.before),
            key: unescapeInline(key!),
            kind,
            unit: unescapeInline(unit!),
            direction,
            baseline: {
              value: num(baseline!),
              at: at === '' ? null : unescapeInline(at!),
              source: source === '' ? null : unescapeInline(source!),
            },
            target: { value: num(target!) },
            tolerance: num(tolerance!),
          },
          'metric',
        )
        ;(c.metrics ??= []).push(metric)
        continue
      }
      case 'steps': {
        if (cells!.join('|') === StepColumns.join('|')) continue
        if (cells!.length !== StepColumns.length)
          fail(i, `a step row has ${StepColumns.length} cells`)
        const [, name, owner, pt, lt, , ca, classification, wastes] = cells!
        const marker = readMarker(name!)
        if (!marker || marker.name !== 'step')
          fail(i, 'expected <!-- step id="…" --> in the step cell')
        const step = parse(
          i,
          StepSchema,
          {
            id: marker!.attrs.id,
            name: unescapeInline(marker!.before),
            owner: unescapeInline(owner!),
            processMinutes: num(pt!),
            leadMinutes: num(lt!),
            completeAccuratePct: num(ca!),
            classification,
            wastes: wastes === '' ? [] : wastes!.split(', '),
          },
          'step',
        )
        ;(c[section.state] ??= []).push(step)
        continue
      }
      case 'figures':
      case 'measurement-summary':
        // Computed from the steps and the measurements; nothing to read.
        continue
      case 'status':
      case 'lessons':
      case 'amendments':
      case 'measurements':
      case 'decision':
        readTrackingRow(section.type, cells!, c, c.tracking!, i, fail, parse)
        continue
      default:
        fail(i, 'a table outside a fields, metrics or steps section')
    }
  }
  if (expectCanvasMarker) fail(lines.length - 1, 'a canvas heading without its marker')
  for (const c of canvases) {
    const result = CanvasContentSchema.safeParse(c)
    if (!result.success)
      throw new MarkdownImportError(1, `canvas ${c.id}: ${result.error.issues[0]?.message}`)
    if (c.tracking) {
      const tracking = HypothesisTrackingSchema.safeParse(c.tracking)
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
