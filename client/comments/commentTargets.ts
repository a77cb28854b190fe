import { Box, type Editor, type TLShapeId } from 'tldraw'
import type { CanvasContent } from '../../shared/canvases/schema'
import type { CommentTarget } from '../../shared/comments/comments'
import { canvasShapeId, CanvasShapeType } from '../../shared/doc/canvasShape'

/** The data attributes canvas views put on their items, metrics and steps. */
const PartSelectors = {
  item: 'data-item-id',
  metric: 'data-metric-key',
  step: 'data-step-id',
} as const

const partSelector = Object.values(PartSelectors)
  .map((attribute) => `[${attribute}]`)
  .join(',')

/**
 * What a click at a screen point comments on: an item, metric or step of a canvas under it,
 * else the topmost shape there, else the point itself.
 */
export function targetAt(editor: Editor, client: { x: number; y: number }): CommentTarget {
  for (const element of document.elementsFromPoint(client.x, client.y)) {
    // A private draft is nobody else's to see: a comment on it goes to its canvas.
    if (element.closest(partSelector)?.closest('[data-draft]')) break
    const part = partTargetOf(editor, element)
    if (part) return part
  }
  const point = editor.screenToPage(client)
  const shape = editor.getShapeAtPoint(point, { hitInside: true, margin: 2, renderingOnly: true })
  if (shape) return { kind: 'shape', shapeId: shape.id }
  return { kind: 'point', x: Math.round(point.x), y: Math.round(point.y) }
}

/** The item, metric or step of a canvas an element belongs to (one of its fields, say). */
export function partTargetOf(editor: Editor, element: Element): CommentTarget | null {
  const part = element.closest(partSelector)
  if (!part || part.closest('[data-draft]')) return null
  const shapeId = part.closest('.tl-shape')?.getAttribute('data-shape-id')
  const shape = shapeId ? editor.getShape(shapeId as TLShapeId) : undefined
  if (!shape || !editor.isShapeOfType(shape, CanvasShapeType)) return null
  const canvasId = shape.props.canvasId
  const itemId = part.getAttribute(PartSelectors.item)
  if (itemId) return { kind: 'item', canvasId, itemId }
  const metricKey = part.getAttribute(PartSelectors.metric)
  if (metricKey) return { kind: 'metric', canvasId, metricKey }
  const stepId = part.getAttribute(PartSelectors.step)
  if (stepId) return { kind: 'step', canvasId, stepId }
  return null
}

/** The shape a target is on or in, if it has one. */
export function shapeOfTarget(target: CommentTarget): TLShapeId | null {
  switch (target.kind) {
    case 'shape':
      return target.shapeId as TLShapeId
    case 'point':
      return null
    default:
      return canvasShapeId(target.canvasId)
  }
}

/**
 * Where a target's pin goes on the page: a shape's top right corner; an item, metric or step's
 * top right corner inside its canvas as the canvas shows it (the canvas's corner while it is
 * not drawn); a point itself. Null when what it is on is not on the current page.
 */
export function pinPagePoint(
  editor: Editor,
  target: CommentTarget,
): { x: number; y: number } | null {
  if (target.kind === 'point') return { x: target.x, y: target.y }
  const shapeId = shapeOfTarget(target)!
  const shape = editor.getShape(shapeId)
  if (!shape || editor.getAncestorPageId(shape) !== editor.getCurrentPageId()) return null
  // A sticky private mode hides from me keeps its threads to itself.
  if (editor.isShapeHidden(shape)) return null
  const bounds = editor.getShapePageBounds(shapeId)
  if (!bounds) return null
  const corner = { x: bounds.maxX, y: bounds.minY }
  if (target.kind === 'shape') return corner
  const { shapeElement, part } = partElement(editor, target)
  if (!shapeElement) return corner
  // The canvas is drawn without it: private mode hides the item from me.
  if (!part) return null
  // Both rectangles come from the same layout, so their ratio holds whatever the camera did since.
  const outer = shapeElement.getBoundingClientRect()
  const inner = part.getBoundingClientRect()
  if (outer.width === 0 || inner.width === 0) return corner
  const scale = bounds.w / outer.width
  return {
    x: bounds.x + (Math.min(inner.right, outer.right) - outer.left) * scale,
    y: bounds.y + (Math.max(inner.top, outer.top) - outer.top) * scale,
  }
}

/** Where what a target is on shows on screen (viewport pixels), to outline it; null for a point. */
export function targetOutline(editor: Editor, target: CommentTarget): Box | null {
  if (target.kind === 'point') return null
  const shapeId = shapeOfTarget(target)!
  if (target.kind !== 'shape') {
    const { part } = partElement(editor, target)
    if (part) {
      const rect = part.getBoundingClientRect()
      const screen = editor.getViewportScreenBounds()
      return new Box(rect.x - screen.x, rect.y - screen.y, rect.width, rect.height)
    }
  }
  const bounds = editor.getShapePageBounds(shapeId)
  if (!bounds) return null
  const topLeft = editor.pageToViewport(bounds.point)
  const zoom = editor.getZoomLevel()
  return new Box(topLeft.x, topLeft.y, bounds.w * zoom, bounds.h * zoom)
}

/** The element a canvas view draws an item, metric or step as, and its canvas's element. */
function partElement(
  editor: Editor,
  target: Exclude<CommentTarget, { kind: 'shape' } | { kind: 'point' }>,
): { shapeElement: Element | null; part: Element | null } {
  const shapeElement = editor
    .getContainer()
    .querySelector(`.tl-shape[data-shape-id="${CSS.escape(canvasShapeId(target.canvasId))}"]`)
  const value =
    target.kind === 'item'
      ? target.itemId
      : target.kind === 'metric'
        ? target.metricKey
        : target.stepId
  const part =
    shapeElement?.querySelector(`[${PartSelectors[target.kind]}="${CSS.escape(value)}"]`) ?? null
  return { shapeElement, part }
}

/** Whether what a thread is pinned to is still on the board. */
export function targetExists(
  editor: Editor,
  target: CommentTarget,
  canvas: (canvasId: string) => CanvasContent | undefined,
): boolean {
  if (target.kind === 'point') return true
  if (!editor.getShape(shapeOfTarget(target)!)) return false
  if (target.kind === 'shape') return true
  const content = canvas(target.canvasId)
  if (!content) return false
  switch (target.kind) {
    case 'item':
      return Object.values(content.boxes).some((items) => items.some((i) => i.id === target.itemId))
    case 'metric':
      return (content.metrics ?? []).some((m) => m.key === target.metricKey)
    case 'step':
      return listEntryIds(content).has(target.stepId)
  }
}

/** The ids of the entries of every list a canvas kind adds (its steps, among others). */
function listEntryIds(content: CanvasContent): Set<string> {
  const ids = new Set<string>()
  for (const value of Object.values(content)) {
    if (!Array.isArray(value)) continue
    for (const entry of value as unknown[]) {
      if (
        typeof entry === 'object' &&
        entry !== null &&
        'id' in entry &&
        typeof entry.id === 'string'
      ) {
        ids.add(entry.id)
      }
    }
  }
  return ids
}

const ShapeNames: Record<string, string> = {
  note: 'a sticky',
  frame: 'a frame',
  text: 'a text',
  arrow: 'an arrow',
  image: 'an image',
  draw: 'a drawing',
}

/** A few words on what a thread is pinned to, for the panel. */
export function describeTarget(editor: Editor | null, target: CommentTarget): string {
  switch (target.kind) {
    case 'point':
      return 'On the board'
    case 'item':
      return 'On a canvas item'
    case 'metric':
      return `On the metric ${target.metricKey}`
    case 'step':
      return 'On a value-stream step'
    case 'shape': {
      const shape = editor?.getShape(target.shapeId as TLShapeId)
      if (shape && editor?.isShapeOfType(shape, CanvasShapeType)) return 'On a canvas'
      return `On ${ShapeNames[shape?.type ?? ''] ?? 'a shape'}`
    }
  }
}
