import type * as Y from 'yjs'
import { CanvasKeys } from '../doc/canvasMap.js'
import { DocKeys, canvasRecordId, decodeRecord, getTldrawRecords } from '../doc/layout.js'
import { hasScope, scopeOfShape, type ScopeShape } from './scopes.js'
import type { Scope } from './voting.js'

/** A top-level entry of a board document that a change touches (see the server's decoder). */
export interface TouchedEntry {
  root: string
  key: string | null
  /** The new value a change sets on a root map entry: a tldraw record's JSON text. */
  value?: unknown
}

/** Frames nest; deeper than this is no board anyone drew (and no loop runs forever). */
const MaxDepth = 100

/** The record id a canvas shape must have, from its props. */
const canvasRecordIdOf = (shape: ScopeShape): string | null => {
  const props = shape.props as { canvasId?: unknown } | null | undefined
  return shape.type === 'canvas' && typeof props?.canvasId === 'string'
    ? canvasRecordId(props.canvasId)
    : null
}

const asShape = (record: unknown): (ScopeShape & { parentId?: unknown }) | null => {
  if (typeof record !== 'object' || record === null) return null
  const r = record as Record<string, unknown>
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || typeof r.type !== 'string') return null
  return { id: r.id, type: r.type, props: r.props, parentId: r.parentId }
}

/**
 * The locks of a board as they bear on its document: which scope, if any, keeps a canvas, a
 * shape or a change from being made. A locked canvas keeps its content and its shape; a locked
 * frame keeps itself and every shape inside it (at any depth), canvases included; a locked
 * board keeps everything.
 */
export function boardLocks(doc: Y.Doc, locks: readonly Scope[]) {
  const records = getTldrawRecords(doc)
  const shapeAt = (id: unknown) =>
    typeof id === 'string' ? asShape(decodeRecord(records.get(id))) : null
  const boardLock = locks.find((l) => l.kind === 'board') ?? null

  /** The lock that holds `shape` where it is (or where a change would put it). */
  const lockOfShape = (shape: ScopeShape & { parentId?: unknown }): Scope | null => {
    let at: (ScopeShape & { parentId?: unknown }) | null = shape
    for (let depth = 0; at && depth < MaxDepth; depth++) {
      const scope = scopeOfShape(at)
      if (scope && hasScope(locks, scope)) return scope
      at = shapeAt(at.parentId)
    }
    return null
  }

  /** The lock that keeps canvas `canvasId` from changing, if any. */
  const lockOfCanvas = (canvasId: string): Scope | null => {
    if (boardLock) return boardLock
    const own: Scope = { kind: 'canvas', canvasId }
    if (hasScope(locks, own)) return own
    const shape = shapeAt(canvasRecordId(canvasId))
    return shape ? lockOfShape(shape) : null
  }

  /** The lock a change touching `entries` runs into, if any. */
  const lockOfChange = (entries: readonly TouchedEntry[]): Scope | null => {
    for (const entry of entries) {
      const lock =
        entry.key === null
          ? boardLock
          : entry.root === CanvasKeys.root
            ? lockOfCanvas(entry.key)
            : entry.root === DocKeys.tldrawRecords
              ? lockOfRecord(entry.key, entry.value)
              : boardLock
      if (lock) return lock
    }
    return null
  }

  /** The lock a change to tldraw record `id` (to `value`, when set) runs into. */
  const lockOfRecord = (id: string, value: unknown): Scope | null => {
    const before = shapeAt(id)
    const after = value === undefined ? null : asShape(decodeRecord(value))
    // Every screen places a canvas made through the API that has no shape yet, locked or not:
    // that changes nothing of it, so only a locked frame it would go into refuses it.
    if (!before && after && id === canvasRecordIdOf(after)) {
      return lockOfShape({ ...after, type: '' })
    }
    if (boardLock) return boardLock
    return (before && lockOfShape(before)) || (after && lockOfShape(after)) || null
  }

  return { lockOfCanvas, lockOfChange }
}
