import * as Y from 'yjs'
import { getCanvasSpec, type CanvasContent } from '../canvases/registry.js'
import type { CommentTarget, Thread } from '../comments/comments.js'
import { readAllCanvases } from '../doc/canvasDoc.js'
import { canvasRecordId, decodeRecord, getTldrawRecords } from '../doc/layout.js'
import { richTextToPlain } from '../doc/richText.js'
import { escapeInline } from './escape.js'
import { marker } from './format.js'

/** The heading of the section that lists the open comment threads; import skips it. */
export const CommentsHeading = 'Comments'

/** What a thread is pinned to, in words; undefined when that is no longer on the board. */
export type DescribeTarget = (target: CommentTarget) => string | undefined

interface NamedStep {
  id: string
  name: string
}

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`

/**
 * Names what comment threads are pinned to, from the board's document: a canvas item by its
 * canvas, box and text; a metric or a value-stream step by its canvas and name; a shape by its
 * text (a canvas's shape by the canvas's title); a point as a place on the board.
 */
export function describeTargets(doc: Y.Doc): DescribeTarget {
  const canvases = new Map(readAllCanvases(doc).map((c) => [c.id, c]))
  const records = getTldrawRecords(doc)
  const canvasTitle = (c: CanvasContent) => c.title || 'Untitled canvas'
  return (target) => {
    switch (target.kind) {
      case 'point':
        return 'The board'
      case 'shape': {
        for (const c of canvases.values()) {
          if (canvasRecordId(c.id) === target.shapeId) return canvasTitle(c)
        }
        const record = decodeRecord(records.get(target.shapeId)) as {
          type?: unknown
          props?: { richText?: unknown; name?: unknown }
        } | null
        if (!record || typeof record !== 'object') return undefined
        const text = richTextToPlain(record.props?.richText).trim()
        const name = typeof record.props?.name === 'string' ? record.props.name.trim() : ''
        const label = text || name
        return label ? quote(label) : `A ${typeof record.type === 'string' ? record.type : 'shape'}`
      }
      case 'item': {
        const c = canvases.get(target.canvasId)
        if (!c) return undefined
        for (const [key, items] of Object.entries(c.boxes)) {
          const item = items.find((i) => i.id === target.itemId)
          if (!item) continue
          const box = getCanvasSpec(c.kind).definition.boxes.find((b) => b.key === key)
          return `${canvasTitle(c)} › ${box?.label ?? key}: ${quote(item.text)}`
        }
        return undefined
      }
      case 'metric': {
        const c = canvases.get(target.canvasId)
        const metrics = (c as { metrics?: { key: string; name?: string }[] } | undefined)?.metrics
        const metric = metrics?.find((m) => m.key === target.metricKey)
        return c && metric ? `${canvasTitle(c)} › metric ${metric.name || metric.key}` : undefined
      }
      case 'step': {
        const c = canvases.get(target.canvasId) as
          (CanvasContent & { current?: NamedStep[]; future?: NamedStep[] }) | undefined
        const steps = [...(c?.current ?? []), ...(c?.future ?? [])]
        const step = steps.find((s) => s.id === target.stepId)
        return c && step ? `${canvasTitle(c)} › step ${quote(step.name)}` : undefined
      }
    }
  }
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10)

/**
 * The open threads (docs/markdown-format.md), each under what it is pinned to, oldest first,
 * with every comment that was not deleted: `- Ann (2026-11-30): text`, replies indented.
 */
export function commentsSection(threads: readonly Thread[], describe: DescribeTarget): string[] {
  const open = threads
    .filter((t) => t.resolvedAt === null && t.comments.some((c) => c.deletedAt === null))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  if (open.length === 0) return []
  const lines = [`## ${CommentsHeading}`, marker('comments'), '']
  for (const thread of open) {
    const where = describe(thread.target)
    lines.push(`### ${escapeInline(where ?? 'Something since deleted')}`, '')
    const comments = thread.comments.filter((c) => c.deletedAt === null)
    comments.forEach((c, i) => {
      const text = escapeInline(c.text.replace(/\s*\n\s*/g, ' '))
      const line = `- ${escapeInline(c.by.name)} (${day(c.at)}): ${text}`
      lines.push(i === 0 ? line : `  ${line}`)
    })
    lines.push('')
  }
  return lines
}
