import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, writeCanvas } from '../../shared/doc/canvasDoc.js'
import {
  appendMeasurements,
  measurementIds,
  readLatestMeasurements,
} from '../../shared/canvases/hypothesis/trackingDoc.js'
import { createMeasurementCache } from './measurementCache.js'

let n = 0
const m = (metric: string, value: number, at = `2026-11-0${(n % 8) + 1}T00:00:00.000Z`) => ({
  id: `m-${++n}`,
  metric,
  value,
  at,
  source: null,
  baseline: false,
  recordedAt: '2026-11-01T00:00:00.000Z',
  by: 'test',
})

function setup() {
  const doc = new Y.Doc()
  let map!: Y.Map<unknown>
  doc.transact(() => (map = writeCanvas(doc, emptyCanvas('hypothesis', 'h', 'hypothesis-1'))))
  const cache = createMeasurementCache()
  /** The cache must always answer what reading the whole array answers. */
  const agrees = () => {
    const cached = cache.of(map)
    expect(cached.latest()).toEqual(readLatestMeasurements(map))
    for (const id of measurementIds(map)) expect(cached.has(id)).toBe(true)
    expect(cached.has('never-recorded')).toBe(false)
  }
  return { doc, map, cache, agrees }
}

describe('the measurement cache', () => {
  it('answers for a canvas without measurements', () => {
    const { cache, map } = setup()
    expect(cache.of(map).latest()).toEqual([])
  })

  it('follows appends, taking in only what is new', () => {
    const { doc, map, agrees } = setup()
    for (let i = 0; i < 5; i++) {
      doc.transact(() => appendMeasurements(map, [m('conv', i), m('lat', 100 + i)]))
      agrees()
    }
  })

  it('starts over after a delete or an insert in the middle', () => {
    const { doc, map, agrees } = setup()
    doc.transact(() =>
      appendMeasurements(map, [m('conv', 9, '2026-11-09T00:00:00.000Z'), m('conv', 1)]),
    )
    agrees()
    const array = map.get('measurements') as Y.Array<unknown>
    doc.transact(() => array.delete(0, 1))
    agrees()
    doc.transact(() => array.insert(0, [m('conv', 7, '2026-11-20T00:00:00.000Z')]))
    agrees()
    doc.transact(() => appendMeasurements(map, [m('lat', 3)]))
    agrees()
  })

  it('follows updates from another client, concurrent ones included', () => {
    const { doc, map, agrees } = setup()
    doc.transact(() => appendMeasurements(map, [m('conv', 1)]))
    agrees()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    const otherMap = other.getMap('canvases').get('hypothesis-1') as Y.Map<unknown>
    // Both append at once; one of the two lands before the other, not at the end.
    appendMeasurements(otherMap, [m('conv', 50, '2026-11-30T00:00:00.000Z')])
    doc.transact(() => appendMeasurements(map, [m('conv', 2)]))
    agrees()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    agrees()
    expect(readLatestMeasurements(map).find((p) => p.metric === 'conv')?.value).toBe(50)
  })

  it('follows a measurements array replaced by a new one', () => {
    const { doc, map, agrees } = setup()
    doc.transact(() => appendMeasurements(map, [m('conv', 1)]))
    agrees()
    doc.transact(() => map.set('measurements', new Y.Array()))
    agrees()
    doc.transact(() => appendMeasurements(map, [m('conv', 3)]))
    agrees()
  })
})
