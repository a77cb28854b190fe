import { PageRecordType, type TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { createBoardSchema } from './boardSchema'
import { canvasShapeId } from './canvasShape'

const page = PageRecordType.createId('page')

/** A canvas shape record as a screen writes it into the board's `tldraw` map. */
function canvasRecord(props: Record<string, unknown>): TLRecord {
  return {
    id: canvasShapeId('c1'),
    typeName: 'shape',
    type: 'canvas',
    parentId: page,
    index: 'a1',
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { canvasId: 'c1', kind: 'lean', w: 900, h: 600, ...props },
  } as TLRecord
}

describe('the board schema, built without any view', () => {
  it('accepts a canvas shape of a known kind', () => {
    const shapes = createBoardSchema().types.shape
    const record = canvasRecord({})
    expect(shapes.validate(record)).toEqual(record)
  })

  it('refuses a canvas shape of an unknown kind or without a size', () => {
    const shapes = createBoardSchema().types.shape
    expect(() => shapes.validate(canvasRecord({ kind: 'swot' }))).toThrow(/kind/)
    expect(() => shapes.validate(canvasRecord({ w: -1 }))).toThrow(/props\.w/)
    expect(() => shapes.validate(canvasRecord({ h: undefined }))).toThrow(/props\.h/)
  })

  it("knows tldraw's own shapes and the arrow binding", () => {
    const sequences = createBoardSchema().serialize().sequences
    expect(sequences).toHaveProperty(['com.tldraw.shape.note'])
    expect(sequences).toHaveProperty(['com.tldraw.shape.canvas'])
    expect(sequences).toHaveProperty(['com.tldraw.binding.arrow'])
  })
})
