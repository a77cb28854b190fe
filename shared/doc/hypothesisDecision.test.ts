import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, getBoardCanvases, readCanvas, writeCanvas } from './canvasDoc'
import { pivotSuccessor, writeDecision } from './hypothesisDecision'
import { readTracking } from './hypothesisDoc'

const at = '2026-03-09T09:00:00.000Z'

describe('the successor of a pivot', () => {
  it('keeps a long title within the limit and still says it is a pivot', () => {
    const content = emptyCanvas('hypothesis', 'x'.repeat(200))
    const successor = pivotSuccessor(content)
    expect(successor.title).toHaveLength(200)
    expect(successor.title.endsWith(' (pivot)')).toBe(true)
    expect(successor.id).not.toBe(content.id)
  })
})

describe('writing a decision', () => {
  it('closes the hypothesis; only a pivot adds a canvas', () => {
    const doc = new Y.Doc()
    const content = emptyCanvas('hypothesis', 'Checkout')
    doc.transact(() => writeCanvas(doc, content))
    const canvas = getBoardCanvases(doc).get(content.id)!
    let successor: string | null = null
    doc.transact(() => {
      successor = writeDecision(doc, canvas, content, {
        decision: 'stop',
        rationale: 'Not worth it',
        by: 'Ann',
        at,
      })
    })
    expect(successor).toBeNull()
    expect(getBoardCanvases(doc).size).toBe(1)
    expect(readTracking(canvas)).toMatchObject({
      status: 'decided',
      decision: { decision: 'stop' },
    })
  })

  it('links a pivot and its successor both ways', () => {
    const doc = new Y.Doc()
    const content = emptyCanvas('hypothesis', 'Checkout')
    doc.transact(() => writeCanvas(doc, content))
    const canvas = getBoardCanvases(doc).get(content.id)!
    let id: string | null = null
    doc.transact(() => {
      id = writeDecision(doc, canvas, content, { decision: 'pivot', rationale: '', by: 'Ann', at })
    })
    const successor = getBoardCanvases(doc).get(id!)!
    expect(readCanvas(id!, successor)?.title).toBe('Checkout (pivot)')
    expect(readTracking(successor)).toMatchObject({ status: 'draft', predecessor: content.id })
    expect(readTracking(canvas).successor).toBe(id)
  })
})
