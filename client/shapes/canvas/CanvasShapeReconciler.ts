import type { Editor, TLRecord, TLShapeId } from 'tldraw'
import * as Y from 'yjs'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import { CanvasKinds, type CanvasContent } from '../../../shared/canvases/schema'
import {
  getBoardCanvases,
  readCanvas,
  withNewIds,
  writeCanvas,
} from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'
import {
  CanvasShapeType,
  canvasShapeId,
  isCanvasShape,
  type CanvasShape,
} from '../../../shared/doc/canvasShape'
import { placeCanvas } from './insertCanvas'

const Gap = 80

/**
 * Keeps canvases (content, in the Y.Doc `canvases` map) and their shapes (placement, in the
 * tldraw store) in step on this screen:
 *
 * - a canvas without a shape (created through the API or an import, by anyone) gets one, with
 *   an id derived from the canvas id, so every open screen doing it at once writes one record;
 * - a shape whose canvas was deleted disappears;
 * - deleting a shape deletes its canvas. The content is kept here, so undoing the delete (which
 *   brings the shape back) brings the canvas back with it;
 * - a duplicated or pasted shape gets a copy of the canvas of its own.
 *
 * Shapes it adds or removes to follow the document stay out of the undo history: they are not
 * this person's edits.
 */
export class CanvasShapeReconciler {
  private readonly canvases: Y.Map<Y.Map<unknown>>
  private readonly deleted = new Map<string, CanvasContent>()
  private readonly stopListening: () => void
  private disposed = false

  constructor(
    private readonly editor: Editor,
    private readonly doc: Y.Doc,
  ) {
    this.canvases = getBoardCanvases(doc)
    this.canvases.observe(this.onCanvasesChange)
    this.stopListening = editor.store.listen(({ changes }) => this.onShapesChange(changes), {
      source: 'user',
      scope: 'document',
    })
    this.reconcileAll()
  }

  dispose(): void {
    this.disposed = true
    this.canvases.unobserve(this.onCanvasesChange)
    this.stopListening()
  }

  private readonly onCanvasesChange = (event: Y.YMapEvent<Y.Map<unknown>>) => {
    const added: string[] = []
    const removed: string[] = []
    for (const [key, change] of event.changes.keys) {
      if (change.action === 'delete') removed.push(key)
      else added.push(key)
    }
    this.removeShapesOf(removed.filter((id) => !this.canvases.has(id)))
    // A canvas someone placed arrives with its shape in the same update, but the shape reaches
    // the store through another observer of that update: look for missing shapes only once
    // every observer has run, or this screen would place a second copy of a shape on its way.
    if (added.length > 0) {
      queueMicrotask(() => {
        if (!this.disposed) this.addMissingShapes(added)
      })
    }
  }

  private onShapesChange(changes: {
    added: Record<string, TLRecord>
    removed: Record<string, TLRecord>
  }): void {
    for (const record of Object.values(changes.removed)) {
      if (record.typeName !== 'shape' || !isCanvasShape(record)) continue
      this.onShapeDeleted(record)
    }
    for (const record of Object.values(changes.added)) {
      if (record.typeName !== 'shape' || !isCanvasShape(record)) continue
      this.onShapeAdded(record)
    }
  }

  private onShapeDeleted(shape: CanvasShape): void {
    const { canvasId } = shape.props
    if (this.shapesOf(canvasId).length > 0) return
    const map = this.canvases.get(canvasId)
    if (!(map instanceof Y.Map)) return
    const content = readCanvas(canvasId, map)
    if (content) this.deleted.set(canvasId, content)
    this.doc.transact(() => this.canvases.delete(canvasId), LocalOrigin)
  }

  private onShapeAdded(shape: CanvasShape): void {
    const { canvasId } = shape.props
    const exists = this.canvases.get(canvasId) instanceof Y.Map
    if (shape.id === canvasShapeId(canvasId)) {
      if (exists) return
      const restored = this.deleted.get(canvasId)
      if (restored) {
        this.deleted.delete(canvasId)
        this.doc.transact(() => writeCanvas(this.doc, restored), LocalOrigin)
      } else {
        this.quietly(() => this.editor.deleteShapes([shape.id]))
      }
      return
    }
    // A duplicate or a paste: one canvas is shown by one shape, so copy the canvas.
    const source = this.canvases.get(canvasId)
    const content =
      (source instanceof Y.Map ? readCanvas(canvasId, source) : undefined) ??
      this.deleted.get(canvasId)
    this.editor.run(() => {
      this.editor.deleteShapes([shape.id])
      if (!content) return
      const copy = withNewIds(content)
      placeCanvas(this.editor, this.doc, copy, shape, { w: shape.props.w, h: shape.props.h })
      this.editor.select(canvasShapeId(copy.id))
    })
  }

  private reconcileAll(): void {
    const orphans = this.editor
      .getCurrentPageShapes()
      .filter(isCanvasShape)
      .filter((shape) => !(this.canvases.get(shape.props.canvasId) instanceof Y.Map))
    if (orphans.length > 0) this.quietly(() => this.editor.deleteShapes(orphans.map((s) => s.id)))
    this.addMissingShapes([...this.canvases.keys()])
  }

  private addMissingShapes(canvasIds: string[]): void {
    const missing = canvasIds.filter((id) => {
      const map = this.canvases.get(id)
      const kind = map instanceof Y.Map ? map.get('kind') : undefined
      return CanvasKinds.some((k) => k === kind) && this.shapesOf(id).length === 0
    })
    if (missing.length === 0) return
    const pageId = this.editor.getPages()[0]?.id
    if (!pageId) return
    // To the right of what is on the board: every screen holds the same board, so every screen
    // picks the same place, and the records they write agree.
    const bounds = this.editor.getPageShapeIds(pageId).size > 0 ? this.boardBounds(pageId) : null
    let x = bounds ? bounds.maxX + Gap : 0
    const y = bounds ? bounds.minY : 0
    this.quietly(() => {
      for (const canvasId of missing) {
        const kind = this.canvases.get(canvasId)!.get('kind') as (typeof CanvasKinds)[number]
        const { w, h } = getCanvasDefinition(kind).defaultSize
        this.editor.createShape({
          id: canvasShapeId(canvasId),
          type: CanvasShapeType,
          parentId: pageId,
          x,
          y,
          props: { canvasId, kind, w, h },
        })
        x += w + Gap
      }
    })
  }

  private boardBounds(pageId: Parameters<Editor['getPageShapeIds']>[0]) {
    const ids = [...this.editor.getPageShapeIds(pageId)]
    const boxes = ids
      .map((id) => this.editor.getShapePageBounds(id))
      .filter((b): b is NonNullable<typeof b> => b !== undefined)
    const minY = Math.min(...boxes.map((b) => b.minY))
    const maxX = Math.max(...boxes.map((b) => b.maxX))
    return { minY: Math.round(minY), maxX: Math.round(maxX) }
  }

  private removeShapesOf(canvasIds: string[]): void {
    const ids = canvasIds.flatMap((id) => this.shapesOf(id))
    if (ids.length > 0) this.quietly(() => this.editor.deleteShapes(ids))
  }

  private shapesOf(canvasId: string): TLShapeId[] {
    const direct = this.editor.getShape(canvasShapeId(canvasId))
    if (direct) return [direct.id]
    return this.editor
      .getCurrentPageShapes()
      .filter((s) => isCanvasShape(s) && s.props.canvasId === canvasId)
      .map((s) => s.id)
  }

  private quietly(change: () => void): void {
    this.editor.run(change, { history: 'ignore' })
  }
}
