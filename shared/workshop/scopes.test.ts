import { describe, expect, it } from 'vitest'
import { hasScope, isShapeLocked, scopeOfSelection, type ScopeShape } from './scopes'

const canvas = (canvasId: string): ScopeShape => ({
  id: `shape:canvas-${canvasId}`,
  type: 'canvas',
  props: { canvasId, kind: 'lean', w: 10, h: 10 },
})
const frame = (id: string): ScopeShape => ({ id: `shape:${id}`, type: 'frame', props: {} })
const note = (id: string): ScopeShape => ({ id: `shape:${id}`, type: 'note', props: {} })

describe('the scope of a selection', () => {
  it('is the canvas of a single selected canvas shape', () => {
    expect(scopeOfSelection([canvas('c1')])).toEqual({ kind: 'canvas', canvasId: 'c1' })
  })

  it('is the frame itself for a single selected frame', () => {
    expect(scopeOfSelection([frame('f1')])).toEqual({ kind: 'frame', shapeId: 'shape:f1' })
  })

  it('is nothing for a sticky, for two shapes or for no selection', () => {
    expect(scopeOfSelection([note('n1')])).toBeNull()
    expect(scopeOfSelection([canvas('c1'), frame('f1')])).toBeNull()
    expect(scopeOfSelection([])).toBeNull()
  })
})

describe('when a frame is locked', () => {
  const locks = [{ kind: 'frame' as const, shapeId: 'shape:f1' }]

  it('locks the frame and every shape inside it, at any depth', () => {
    expect(isShapeLocked(locks, frame('f1'), [])).toBe(true)
    expect(isShapeLocked(locks, note('n1'), [frame('f1')])).toBe(true)
    expect(isShapeLocked(locks, note('n1'), [frame('inner'), frame('f1')])).toBe(true)
  })

  it('leaves shapes outside it and other frames free', () => {
    expect(isShapeLocked(locks, note('n1'), [])).toBe(false)
    expect(isShapeLocked(locks, note('n1'), [frame('f2')])).toBe(false)
    expect(isShapeLocked(locks, frame('f2'), [])).toBe(false)
  })
})

describe('when a canvas is locked', () => {
  const locks = [{ kind: 'canvas' as const, canvasId: 'c1' }]

  it('locks that canvas only', () => {
    expect(isShapeLocked(locks, canvas('c1'), [])).toBe(true)
    expect(isShapeLocked(locks, canvas('c2'), [])).toBe(false)
    expect(hasScope(locks, { kind: 'canvas', canvasId: 'c2' })).toBe(false)
    expect(hasScope(locks, null)).toBe(false)
  })
})
