import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { latestValues } from './verdict.js'
import { emptyCanvas, getBoardCanvases, writeCanvas } from '../../doc/canvasDoc.js'
import {
  appendLesson,
  appendMeasurements,
  readLatestMeasurements,
  readTracking,
  writeTracking,
} from './trackingDoc.js'

function hypothesisDoc() {
  const doc = new Y.Doc()
  const content = emptyCanvas('hypothesis', 'h', 'hypothesis-1')
  let map!: Y.Map<unknown>
  doc.transact(() => (map = writeCanvas(doc, content)))
  return { doc, map }
}

const measurement = (id: string, metric: string, value: number, at: string, baseline = false) => ({
  id,
  metric,
  value,
  at,
  source: null,
  baseline,
  recordedAt: '2026-11-01T00:00:00.000Z',
  by: 'test',
})

describe('reading a hypothesis from the document', () => {
  it('never writes, even when the canvas has no lessons box yet', () => {
    const doc = new Y.Doc()
    const map = new Y.Map<unknown>()
    doc.getMap('canvases').set('bare-canvas', map)
    map.set('kind', 'hypothesis')
    let updates = 0
    doc.on('update', () => updates++)
    readTracking(getBoardCanvases(doc).get('bare-canvas')!)
    readLatestMeasurements(map)
    expect(updates).toBe(0)
  })

  it('finds the same latest values as the verdict rules, skipping what does not hold up', () => {
    const { doc, map } = hypothesisDoc()
    doc.transact(() =>
      appendMeasurements(map, [
        measurement('a', 'conv', 1, '2026-11-02T00:00:00.000Z'),
        measurement('b', 'conv', 2, '2026-11-03T00:00:00+02:00'),
        measurement('c', 'conv', 3, '2026-11-02T23:00:00.000Z'),
        measurement('d', 'conv', 9, '2026-11-09T00:00:00.000Z', true),
        measurement('e', 'lat', 5, '2026-11-02T00:00:00.000Z'),
        measurement('f', 'lat', 6, '2026-11-02T00:00:00.000Z'),
        measurement('a', 'lat', 99, '2026-11-09T00:00:00.000Z'),
      ]),
    )
    // What a careless client might write: no value, a string, not an object.
    const raw = map.get('measurements') as Y.Array<unknown>
    doc.transact(() => raw.push([{ id: 'x', metric: 'lat', value: 'high' }, 42, null]))

    const point = (m: { metric: string; value: number; at: string }) => [m.metric, m.value, m.at]
    const expected = [...latestValues(readTracking(map).measurements).values()].map(point)
    expect(readLatestMeasurements(map).map(point)).toEqual(expected)
    expect(expected).toEqual([
      ['conv', 3, '2026-11-02T23:00:00.000Z'],
      ['lat', 6, '2026-11-02T00:00:00.000Z'],
    ])
  })

  it('counts a measurement id written twice once, the first one', () => {
    const { doc, map } = hypothesisDoc()
    doc.transact(() =>
      appendMeasurements(map, [
        measurement('same', 'conv', 1, '2026-11-02T00:00:00.000Z'),
        measurement('same', 'conv', 2, '2026-11-03T00:00:00.000Z'),
      ]),
    )
    expect(readTracking(map).measurements.map((m) => m.value)).toEqual([1])
  })

  it('gives imported lessons their dates and authors back', () => {
    const { doc, map } = hypothesisDoc()
    doc.transact(() => {
      appendLesson(map, {
        id: 'lesson-1',
        text: 'first',
        at: '2026-11-02T00:00:00.000Z',
        by: 'Ana',
      })
    })
    const tracking = readTracking(map)
    const copy = hypothesisDoc()
    copy.doc.transact(() => {
      const content = emptyCanvas('hypothesis', 'h', 'hypothesis-2')
      content.boxes.lessons = [{ id: 'lesson-1', text: 'first' }]
      writeTracking(writeCanvas(copy.doc, content), tracking)
    })
    const copied = getBoardCanvases(copy.doc).get('hypothesis-2')!
    expect(readTracking(copied).lessons).toEqual(tracking.lessons)
  })
})
