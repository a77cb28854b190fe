import * as Y from 'yjs'
import { isHypothesis } from '../canvases/hypothesis/content.js'
import { computeVerdict } from '../canvases/hypothesis/verdict.js'
import { getCanvasSpec } from '../canvases/registry.js'
import { compareStreams } from '../canvases/vsm/figures.js'
import { getBoardCanvases, readAllCanvases } from '../doc/canvasDoc.js'
import { canvasRecordId, decodeRecord, getTldrawRecords } from '../doc/layout.js'
import { richTextToPlain } from '../doc/richText.js'
import { escapeInline } from '../markdown/escape.js'
import type { ExportCanvas } from '../markdown/exportMarkdown.js'

/**
 * What changed on a board between two of its states, in words: per canvas, what was added,
 * removed and edited in each box, field, metric, step and tracked record; and what happened to
 * the shapes people drew. Typed content is compared as content, not as pixels.
 */
export type PartChange = 'added' | 'removed' | 'changed'

/** The part of a canvas a line is about, so the board can mark it and the camera find it. */
export type DiffPart =
  | { kind: 'title' }
  | { kind: 'field'; key: string }
  /** An item of a box; `text` is its text on the side it is on (the old one when removed). */
  | { kind: 'item'; box: string; id: string; text: string }
  /** An entry of a list the kind adds or tracks: a metric, a step, a measurement, a lesson. */
  | { kind: 'entry'; list: string; id: string; name: string }
  /** A value the kind adds or tracks (status, time box, decision) or derives (verdict, figures). */
  | { kind: 'value'; key: string }

/** One line in words, with what it is about. */
export interface DiffEntry {
  text: string
  change: PartChange
  part: DiffPart
}

export interface CanvasDiff {
  id: string
  title: string
  change: 'added' | 'removed' | 'changed'
  /** One sentence each, in the order of the canvas's parts. */
  lines: string[]
  /** The same lines, each with the part it is about. */
  entries: DiffEntry[]
}

/** A shape's record as a side held it, and where it was on its page. */
export interface ShapeSide {
  record: Record<string, unknown>
  /** Its origin and rotation on the page, through the frames and groups it sat in. */
  page: { x: number; y: number; rotation: number }
}

export interface ShapeDiff {
  id: string
  change: 'added' | 'removed' | 'moved' | 'edited'
  /** The shape's text, or its type when it has none. */
  label: string
  type: string
  /** The shape as it was (absent when added), to draw where it was. */
  before?: ShapeSide
}

export interface BoardDiff {
  canvases: CanvasDiff[]
  shapes: ShapeDiff[]
}

/** A board state as the diff reads it: its canvases (with what they track) and its records. */
export interface DiffSide {
  canvases: readonly ExportCanvas[]
  doc: Y.Doc
}

/** A board document as the diff reads it: every canvas with what its kind tracks. */
export function diffSideOf(doc: Y.Doc): DiffSide {
  const maps = getBoardCanvases(doc)
  const canvases = readAllCanvases(doc).map((content): ExportCanvas => {
    const tracking = getCanvasSpec(content.kind).tracking
    const map = maps.get(content.id)
    return tracking && map ? { ...content, tracking: tracking.read(map) } : content
  })
  return { canvases, doc }
}

export interface DiffOptions {
  /** The time derived figures (a hypothesis's verdict) are judged at; now by default. */
  now?: number
}

const quote = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`
}

type Flat = Map<string, unknown>

/** An object's primitive values by path (`target.value`), for saying what changed in it. */
function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${key}` : key, out)
  } else out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value)
  return out
}

/** A value's path in words: `target.value` → "target", `timeBox.days` → "time box days". */
function pathWords(path: string): string {
  const parts = path.split('.')
  const kept = parts.length > 1 && parts.at(-1) === 'value' ? parts.slice(0, -1) : parts
  return kept
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
}

/** `path a → b` for each primitive that differs between two objects. */
function changedValues(before: unknown, after: unknown, skip: ReadonlySet<string> = new Set()) {
  const a = flatten(before)
  const b = flatten(after)
  const lines: string[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (skip.has(path.split('.')[0]!) || path === 'id') continue
    const x = a.get(path)
    const y = b.get(path)
    if (JSON.stringify(x) === JSON.stringify(y)) continue
    lines.push(
      `${pathWords(path)} ${x === undefined || x === null ? '(none)' : String(x)} → ${y === undefined || y === null ? '(none)' : String(y)}`,
    )
  }
  return lines
}

const hasId = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string'

const nameOf = (v: Record<string, unknown>) => {
  for (const key of ['name', 'text', 'title', 'key', 'metric']) {
    if (typeof v[key] === 'string' && v[key]) return quote(v[key])
  }
  return `#${String(v.id)}`
}

/** A list of entities with ids (metrics, steps, measurements, lessons): added, removed, changed. */
function listChanges(list: string, label: string, before: unknown[], after: unknown[]) {
  const was = new Map(before.filter(hasId).map((v) => [v.id, v as Record<string, unknown>]))
  const now = new Map(after.filter(hasId).map((v) => [v.id, v as Record<string, unknown>]))
  const entries: DiffEntry[] = []
  const part = (id: string, v: Record<string, unknown>): DiffPart => ({
    kind: 'entry',
    list,
    id,
    name: nameOf(v),
  })
  for (const [id, v] of now) {
    const old = was.get(id)
    if (!old)
      entries.push({ text: `${label}: added ${nameOf(v)}`, change: 'added', part: part(id, v) })
    else {
      const changed = changedValues(old, v)
      if (changed.length > 0) {
        entries.push({
          text: `${label} ${nameOf(v)}: ${changed.join(', ')}`,
          change: 'changed',
          part: part(id, v),
        })
      }
    }
  }
  for (const [id, v] of was) {
    if (!now.has(id)) {
      entries.push({ text: `${label}: removed ${nameOf(v)}`, change: 'removed', part: part(id, v) })
    }
  }
  return entries
}

const Singular: Record<string, string> = {
  metrics: 'Metric',
  current: 'Current step',
  future: 'Future step',
  measurements: 'Measurement',
  amendments: 'Amendment',
  lessons: 'Lesson',
}

const minutes = (n: number) =>
  n >= 60 * 24 && n % (60 * 24) === 0
    ? `${n / (60 * 24)} d`
    : n >= 60 && n % 60 === 0
      ? `${n / 60} h`
      : `${Math.round(n * 10) / 10} min`
const percent = (f: number | null) => (f === null ? '–' : `${(f * 100).toFixed(1)} %`)

/**
 * What a canvas shows that follows from its content rather than being typed in: a hypothesis's
 * verdict, a value stream's figures. Compared as words, so a change reads "72 h → 60 h".
 */
function derivedValues(
  canvas: ExportCanvas,
  now: number,
): [key: string, label: string, value: string][] {
  if (isHypothesis(canvas)) {
    const tracking = canvas.tracking as
      | {
          measurements?: { metric: string; value: number; at: string }[]
          timebox?: { end: string | null }
        }
      | undefined
    const result = computeVerdict(
      canvas.metrics ?? [],
      tracking?.measurements ?? [],
      tracking?.timebox?.end ?? null,
      now,
    )
    return [['verdict', 'Verdict', result.verdict]]
  }
  const { current, future } = canvas as { current?: unknown; future?: unknown }
  if (!Array.isArray(current) && !Array.isArray(future)) return []
  const c = compareStreams(
    (Array.isArray(current) ? current : []) as Parameters<typeof compareStreams>[0],
    (Array.isArray(future) ? future : []) as Parameters<typeof compareStreams>[1],
  )
  return [
    ['figures.current.lead', 'Current total lead time', minutes(c.current.totalLeadMinutes)],
    ['figures.current.activity', 'Current activity ratio', percent(c.current.activityRatio)],
    ['figures.current.rolled', 'Current rolled %C&A', percent(c.current.rolledCompleteAccurate)],
    ['figures.future.lead', 'Future total lead time', minutes(c.future.totalLeadMinutes)],
    ['figures.future.activity', 'Future activity ratio', percent(c.future.activityRatio)],
    ['figures.future.rolled', 'Future rolled %C&A', percent(c.future.rolledCompleteAccurate)],
  ]
}

/** Everything that differs between two versions of one canvas, in words. */
function canvasEntries(before: ExportCanvas, after: ExportCanvas, now: number): DiffEntry[] {
  const definition = getCanvasSpec(after.kind).definition
  const entries: DiffEntry[] = []
  if (before.title !== after.title) {
    entries.push({
      text: `Title: ${quote(before.title)} → ${quote(after.title)}`,
      change: 'changed',
      part: { kind: 'title' },
    })
  }
  for (const field of definition.fields) {
    const x = before.fields[field.key] ?? ''
    const y = after.fields[field.key] ?? ''
    if (x !== y) {
      entries.push({
        text: `${field.label}: ${x ? quote(x) : '(empty)'} → ${y ? quote(y) : '(empty)'}`,
        change: 'changed',
        part: { kind: 'field', key: field.key },
      })
    }
  }
  for (const box of definition.boxes) {
    const was = new Map((before.boxes[box.key] ?? []).map((i) => [i.id, i.text]))
    const now = new Map((after.boxes[box.key] ?? []).map((i) => [i.id, i.text]))
    const item = (id: string, text: string): DiffPart => ({ kind: 'item', box: box.key, id, text })
    for (const [id, text] of now) {
      const old = was.get(id)
      if (old === undefined) {
        entries.push({
          text: `${box.label}: added ${quote(text)}`,
          change: 'added',
          part: item(id, text),
        })
      } else if (old !== text) {
        entries.push({
          text: `${box.label}: edited ${quote(old)} → ${quote(text)}`,
          change: 'changed',
          part: item(id, text),
        })
      }
    }
    for (const [id, text] of was) {
      if (!now.has(id)) {
        entries.push({
          text: `${box.label}: removed ${quote(text)}`,
          change: 'removed',
          part: item(id, text),
        })
      }
    }
  }
  // The parts a kind adds (metrics, steps) and what it tracks (status, measurements, decision).
  const parts = (c: ExportCanvas) => {
    const {
      id: _i,
      kind: _k,
      title: _t,
      fields: _f,
      boxes: _b,
      tracking,
      ...rest
    } = c as ExportCanvas & Record<string, unknown>
    return { ...rest, ...((tracking as Record<string, unknown> | undefined) ?? {}) }
  }
  const a = parts(before)
  const b = parts(after)
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = (a as Record<string, unknown>)[key]
    const y = (b as Record<string, unknown>)[key]
    if (JSON.stringify(x) === JSON.stringify(y)) continue
    const label = Singular[key] ?? key.charAt(0).toUpperCase() + key.slice(1)
    const part: DiffPart = { kind: 'value', key }
    if (Array.isArray(x) || Array.isArray(y)) {
      entries.push(...listChanges(key, label, Array.isArray(x) ? x : [], Array.isArray(y) ? y : []))
    } else if (typeof x === 'object' || typeof y === 'object') {
      const changed = changedValues(x ?? {}, y ?? {})
      if (changed.length > 0) {
        entries.push({ text: `${label}: ${changed.join(', ')}`, change: 'changed', part })
      }
    } else {
      entries.push({
        text: `${label}: ${x ?? '(none)'} → ${y ?? '(none)'}`,
        change: 'changed',
        part,
      })
    }
  }
  const was = new Map(derivedValues(before, now).map(([key, , value]) => [key, value]))
  for (const [key, label, value] of derivedValues(after, now)) {
    const old = was.get(key)
    if (old !== undefined && old !== value) {
      entries.push({
        text: `${label}: ${old} → ${value}`,
        change: 'changed',
        part: { kind: 'value', key },
      })
    }
  }
  return entries
}

interface ShapeRecord {
  id: string
  type: string
  x: number
  y: number
  parentId: string
  text: string
  record: Record<string, unknown>
}

/** Every record of a document that decodes, by id. */
function recordsOf(doc: Y.Doc): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>()
  getTldrawRecords(doc).forEach((value, id) => {
    const r = decodeRecord(value)
    if (r !== null && typeof r === 'object') out.set(id, r as Record<string, unknown>)
  })
  return out
}

/** The shapes people drew (not canvases), by id. */
function shapesOf(
  records: ReadonlyMap<string, Record<string, unknown>>,
  canvasIds: ReadonlySet<string>,
): Map<string, ShapeRecord> {
  const out = new Map<string, ShapeRecord>()
  for (const [id, r] of records) {
    if (r.typeName !== 'shape' || canvasIds.has(id)) continue
    const props = (r.props ?? {}) as { richText?: unknown; name?: unknown }
    out.set(id, {
      id,
      type: String(r.type),
      x: Number(r.x) || 0,
      y: Number(r.y) || 0,
      parentId: String(r.parentId),
      text: (
        richTextToPlain(props.richText) || (typeof props.name === 'string' ? props.name : '')
      ).trim(),
      record: r,
    })
  }
  return out
}

/** A shape's origin and rotation on its page, through the shapes it sits in. */
export function pageTransform(
  records: ReadonlyMap<string, Record<string, unknown>>,
  record: Record<string, unknown>,
): ShapeSide['page'] {
  let x = Number(record.x) || 0
  let y = Number(record.y) || 0
  let rotation = Number(record.rotation) || 0
  const seen = new Set<unknown>([record.id])
  let parent = records.get(String(record.parentId))
  while (parent && parent.typeName === 'shape' && !seen.has(parent.id)) {
    seen.add(parent.id)
    const r = Number(parent.rotation) || 0
    const cos = Math.cos(r)
    const sin = Math.sin(r)
    ;[x, y] = [
      (Number(parent.x) || 0) + x * cos - y * sin,
      (Number(parent.y) || 0) + x * sin + y * cos,
    ]
    rotation += r
    parent = records.get(String(parent.parentId))
  }
  return { x, y, rotation }
}

/** What changed from `before` to `after`. */
export function diffBoards(
  before: DiffSide,
  after: DiffSide,
  options: DiffOptions = {},
): BoardDiff {
  const now = options.now ?? Date.now()
  const canvases: CanvasDiff[] = []
  const was = new Map(before.canvases.map((c) => [c.id, c]))
  const isNow = new Map(after.canvases.map((c) => [c.id, c]))
  for (const c of after.canvases) {
    const old = was.get(c.id)
    if (!old) canvases.push({ id: c.id, title: c.title, change: 'added', lines: [], entries: [] })
    else {
      const entries = canvasEntries(old, c, now)
      if (entries.length > 0) {
        canvases.push({
          id: c.id,
          title: c.title,
          change: 'changed',
          lines: entries.map((e) => e.text),
          entries,
        })
      }
    }
  }
  for (const c of before.canvases) {
    if (!isNow.has(c.id)) {
      canvases.push({ id: c.id, title: c.title, change: 'removed', lines: [], entries: [] })
    }
  }
  const canvasShapes = new Set(
    [...before.canvases, ...after.canvases].map((c) => canvasRecordId(c.id)),
  )
  const oldRecords = recordsOf(before.doc)
  const a = shapesOf(oldRecords, canvasShapes)
  const b = shapesOf(recordsOf(after.doc), canvasShapes)
  const shapes: ShapeDiff[] = []
  const label = (s: ShapeRecord) => (s.text ? quote(s.text) : `a ${s.type}`)
  const side = (s: ShapeRecord): ShapeSide => ({
    record: s.record,
    page: pageTransform(oldRecords, s.record),
  })
  for (const s of b.values()) {
    const old = a.get(s.id)
    if (!old) shapes.push({ id: s.id, change: 'added', label: label(s), type: s.type })
    else if (old.text !== s.text)
      shapes.push({
        id: s.id,
        change: 'edited',
        label: `${label(old)} → ${label(s)}`,
        type: s.type,
        before: side(old),
      })
    else if (Math.hypot(old.x - s.x, old.y - s.y) > 1 || old.parentId !== s.parentId) {
      shapes.push({ id: s.id, change: 'moved', label: label(s), type: s.type, before: side(old) })
    }
  }
  for (const s of a.values())
    if (!b.has(s.id))
      shapes.push({ id: s.id, change: 'removed', label: label(s), type: s.type, before: side(s) })
  const order = { added: 0, edited: 1, moved: 2, removed: 3 }
  shapes.sort((x, y) => order[x.change] - order[y.change] || x.id.localeCompare(y.id))
  return { canvases, shapes }
}

/** The diff as markdown, ready to paste into a weekly update. */
export function diffMarkdown(title: string, from: string, to: string, diff: BoardDiff): string {
  const lines = [`# What changed on ${escapeInline(title)}`, '', `From ${from} to ${to}.`, '']
  if (diff.canvases.length === 0 && diff.shapes.length === 0) {
    return [...lines, '_Nothing changed._', ''].join('\n')
  }
  for (const c of diff.canvases) {
    const title = c.title || 'Untitled canvas'
    if (c.change === 'added') lines.push(`## ${escapeInline(title)} (added)`, '')
    else if (c.change === 'removed') lines.push(`## ${escapeInline(title)} (removed)`, '')
    else
      lines.push(`## ${escapeInline(title)}`, '', ...c.lines.map((l) => `- ${escapeInline(l)}`), '')
  }
  if (diff.shapes.length > 0) {
    lines.push('## Stickies and shapes', '')
    for (const s of diff.shapes)
      lines.push(
        `- ${s.change.charAt(0).toUpperCase()}${s.change.slice(1)} ${escapeInline(s.label)}`,
      )
    lines.push('')
  }
  return lines.join('\n')
}
