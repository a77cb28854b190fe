import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, getBoardCanvases, readCanvas, writeCanvas } from '../../doc/canvasDoc'
import { pivotSuccessor, successorId, writeDecision } from './decisionDoc'
import { readTracking } from './trackingDoc'

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

describe('two people pivoting one hypothesis at the same moment', () => {
  it('end up with one successor, linked both ways', () => {
    const content = emptyCanvas('hypothesis', 'Checkout')
    content.boxes.problem = [{ id: 'problem1', text: 'Checkout drops buyers' }]
    const [alice, bob] = [new Y.Doc(), new Y.Doc()]
    alice.transact(() => writeCanvas(alice, content))
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice))
    const pivot = (doc: Y.Doc, by: string) =>
      doc.transact(() =>
        writeDecision(doc, getBoardCanvases(doc).get(content.id)!, content, {
          decision: 'pivot',
          rationale: '',
          by,
          at,
        }),
      )
    const ids = [pivot(alice, 'Alice'), pivot(bob, 'Bob')]
    expect(ids[0]).toBe(ids[1])
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob))
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice))
    for (const doc of [alice, bob]) {
      expect(getBoardCanvases(doc).size).toBe(2)
      const successor = getBoardCanvases(doc).get(ids[0]!)!
      expect(readCanvas(ids[0]!, successor)?.boxes.problem).toMatchObject([
        { text: 'Checkout drops buyers' },
      ])
      expect(readTracking(successor).predecessor).toBe(content.id)
    }
  })

  it('gives different hypotheses different successors, each a valid id', () => {
    const a = successorId('AAAAAAAAAAAA')
    const b = successorId('AAAAAAAAAAAB')
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[A-Za-z0-9_-]{12}$/)
  })
})
