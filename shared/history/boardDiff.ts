import * as Y from 'yjs'
import { getCanvasSpec } from '../canvases/registry.js'
import { canvasRecordId, decodeRecord, getTldrawRecords } from '../doc/layout.js'
import { richTextToPlain } from '../doc/richText.js'
import { escapeInline } from '../markdown/escape.js'
import type { ExportCanvas } from '../markdown/exportMarkdown.js'

/**
 * What changed on a board between two of its states, in words: per canvas, what was added,
 * removed and edited in each box, field, metric, step and tracked record; and what happened to
 * the shapes people drew. Typed content is compared as content, not as pixels.
 */
export interface CanvasDiff {
  id: string
  title: string
  change: 'added' | 'removed' | 'changed'
  /** One sentence each, in the order of the canvas's parts. */
  lines: string[]
}

export interface ShapeDiff {
  id: string
  change: 'added' | 'removed' | 'moved' | 'edited'
  /** The shape's text, or its type when it has none. */
  label: string
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

/** `path: a → b` for each primitive that differs between two objects. */
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
      `${path} ${x === undefined || x === null ? '(none)' : String(x)} → ${y === undefined || y === null ? '(none)' : String(y)}`,
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
function listChanges(label: string, before: unknown[], after: unknown[]): string[] {
  const was = new Map(before.filter(hasId).map((v) => [v.id, v as Record<string, unknown>]))
  const now = new Map(after.filter(hasId).map((v) => [v.id, v as Record<string, unknown>]))
  const lines: string[] = []
  for (const [id, v] of now) {
    const old = was.get(id)
    if (!old) lines.push(`${label}: added ${nameOf(v)}`)
    else {
      const changed = changedValues(old, v)
      if (changed.length > 0) lines.push(`${label} ${nameOf(v)}: ${changed.join(', ')}`)
    }
  }
  for (const [id, v] of was) if (!now.has(id)) lines.push(`${label}: removed ${nameOf(v)}`)
  return lines
}

const Singular: Record<string, string> = {
  metrics: 'Metric',
  current: 'Current step',
  future: 'Future step',
  measurements: 'Measurement',
  amendments: 'Amendment',
  lessons: 'Lesson',
}

/** Everything that differs between two versions of one canvas, in words. */
function canvasLines(before: ExportCanvas, after: ExportCanvas): string[] {
  const definition = getCanvasSpec(after.kind).definition
  const lines: string[] = []
  if (before.title !== after.title)
    lines.push(`Title: ${quote(before.title)} → ${quote(after.title)}`)
  for (const field of definition.fields) {
    const x = before.fields[field.key] ?? ''
    const y = after.fields[field.key] ?? ''
    if (x !== y)
      lines.push(`${field.label}: ${x ? quote(x) : '(empty)'} → ${y ? quote(y) : '(empty)'}`)
  }
  for (const box of definition.boxes) {
    const was = new Map((before.boxes[box.key] ?? []).map((i) => [i.id, i.text]))
    const now = new Map((after.boxes[box.key] ?? []).map((i) => [i.id, i.text]))
    for (const [id, text] of now) {
      const old = was.get(id)
      if (old === undefined) lines.push(`${box.label}: added ${quote(text)}`)
      else if (old !== text) lines.push(`${box.label}: edited ${quote(old)} → ${quote(text)}`)
    }
    for (const [id, text] of was)
      if (!now.has(id)) lines.push(`${box.label}: removed ${quote(text)}`)
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
    if (Array.isArray(x) || Array.isArray(y)) {
      lines.push(...listChanges(label, Array.isArray(x) ? x : [], Array.isArray(y) ? y : []))
    } else if (typeof x === 'object' || typeof y === 'object') {
      const changed = changedValues(x ?? {}, y ?? {})
      if (changed.length > 0) lines.push(`${label}: ${changed.join(', ')}`)
    } else {
      lines.push(`${label}: ${x ?? '(none)'} → ${y ?? '(none)'}`)
    }
  }
  return lines
}

interface ShapeRecord {
  id: string
  type: string
  x: number
  y: number
  parentId: string
  text: string
}

/** The shapes people drew (not canvases), by id. */
function shapesOf(doc: Y.Doc, canvasIds: ReadonlySet<string>): Map<string, ShapeRecord> {
  const out = new Map<string, ShapeRecord>()
  getTldrawRecords(doc).forEach((value, id) => {
    const r = decodeRecord(value) as Record<string, unknown> | null
    if (!r || r.typeName !== 'shape' || canvasIds.has(id)) return
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
    })
  })
  return out
}

/** What changed from `before` to `after`. */
export function diffBoards(before: DiffSide, after: DiffSide): BoardDiff {
  const canvases: CanvasDiff[] = []
  const was = new Map(before.canvases.map((c) => [c.id, c]))
  const now = new Map(after.canvases.map((c) => [c.id, c]))
  for (const c of after.canvases) {
    const old = was.get(c.id)
    if (!old) canvases.push({ id: c.id, title: c.title, change: 'added', lines: [] })
    else {
      const lines = canvasLines(old, c)
      if (lines.length > 0) canvases.push({ id: c.id, title: c.title, change: 'changed', lines })
    }
  }
  for (const c of before.canvases) {
    if (!now.has(c.id)) canvases.push({ id: c.id, title: c.title, change: 'removed', lines: [] })
  }
  const canvasShapes = new Set(
    [...before.canvases, ...after.canvases].map((c) => canvasRecordId(c.id)),
  )
  const a = shapesOf(before.doc, canvasShapes)
  const b = shapesOf(after.doc, canvasShapes)
  const shapes: ShapeDiff[] = []
  const label = (s: ShapeRecord) => (s.text ? quote(s.text) : `a ${s.type}`)
  for (const s of b.values()) {
    const old = a.get(s.id)
    if (!old) shapes.push({ id: s.id, change: 'added', label: label(s) })
    else if (old.text !== s.text)
      shapes.push({ id: s.id, change: 'edited', label: `${label(old)} → ${label(s)}` })
    else if (Math.hypot(old.x - s.x, old.y - s.y) > 1 || old.parentId !== s.parentId) {
      shapes.push({ id: s.id, change: 'moved', label: label(s) })
    }
  }
  for (const s of a.values())
    if (!b.has(s.id)) shapes.push({ id: s.id, change: 'removed', label: label(s) })
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
