import { describe, expect, it } from 'vitest'
import { isHiddenByPrivateMode, noteAuthor, type PrivateScope } from './privateVisibility'

const me = 'a'.repeat(32)
const other = 'b'.repeat(32)
const board: PrivateScope = { scope: { kind: 'board' }, since: 1000 }
const canvas: PrivateScope = { scope: { kind: 'canvas', canvasId: 'canvas-1' }, since: 1000 }
const frame: PrivateScope = { scope: { kind: 'frame', shapeId: 'shape:frame-1' }, since: 1000 }

describe('what private mode hides from me', () => {
  it("hides someone else's idea added after the scope went private", () => {
    expect(isHiddenByPrivateMode({ by: other, at: 1500 }, {}, [board], me)).toBe(true)
  })

  it('keeps my own ideas, ideas from before, and ideas without an author in view', () => {
    expect(isHiddenByPrivateMode({ by: me, at: 1500 }, {}, [board], me)).toBe(false)
    expect(isHiddenByPrivateMode({ by: other, at: 999 }, {}, [board], me)).toBe(false)
    expect(isHiddenByPrivateMode(undefined, {}, [board], me)).toBe(false)
  })

  it('hides only inside the private canvas or frame', () => {
    const late = { by: other, at: 2000 }
    expect(isHiddenByPrivateMode(late, { canvasId: 'canvas-1' }, [canvas], me)).toBe(true)
    expect(isHiddenByPrivateMode(late, { canvasId: 'canvas-2' }, [canvas], me)).toBe(false)
    expect(isHiddenByPrivateMode(late, {}, [canvas], me)).toBe(false)
    expect(isHiddenByPrivateMode(late, { frameId: 'shape:frame-1' }, [frame], me)).toBe(true)
    expect(
      isHiddenByPrivateMode(late, { canvasId: 'canvas-2', frameId: 'shape:frame-1' }, [frame], me),
    ).toBe(true)
    expect(isHiddenByPrivateMode(late, { frameId: 'shape:frame-2' }, [frame], me)).toBe(false)
  })

  it('shows everything once no scope is private', () => {
    expect(isHiddenByPrivateMode({ by: other, at: 2000 }, { canvasId: 'canvas-1' }, [], me)).toBe(
      false,
    )
  })
})

describe('reading the author of a sticky note', () => {
  it('takes a valid author from the meta and ignores anything else', () => {
    expect(noteAuthor({ createdBy: other, createdAt: 5 })).toEqual({ by: other, at: 5 })
    expect(noteAuthor({ createdBy: other, createdAt: '5' })).toBeUndefined()
    expect(noteAuthor({ createdBy: 7, createdAt: 5 })).toBeUndefined()
    expect(noteAuthor(undefined)).toBeUndefined()
  })
})
