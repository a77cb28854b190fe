import { CanvasVersion } from '../canvases/baseContent.js'
import { getCanvasSpec, isCanvasKind } from '../canvases/registry.js'
import type { CanvasMap } from './canvasMap.js'

/**
 * Brings a canvas written by an older version up to the current layout, in place: each kind
 * migrates its own parts (its spec's `migrate`), then the canvas is marked current.
 */
export function migrateCanvasMap(canvas: CanvasMap) {
  const version = typeof canvas.get('version') === 'number' ? (canvas.get('version') as number) : 0
  if (version >= CanvasVersion) return
  const apply = () => {
    const kind = canvas.get('kind')
    if (isCanvasKind(kind)) getCanvasSpec(kind).migrate?.(canvas, version)
    canvas.set('version', CanvasVersion)
  }
  // Migrate inside a transaction when the map is in a document; a migration is a real edit.
  if (canvas.doc) canvas.doc.transact(apply)
  else apply()
}
