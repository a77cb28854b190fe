import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { appendCheckins, lastCheckin, readCadence, readCheckins, setCadence } from './checkinDoc.js'
import type { Checkin } from './checkin.js'

const checkin = (id: string, at: string): Checkin => ({
  id,
  at,
  by: 'Ada',
  happened: 'ran the test',
  likelihood: { level: 'medium' },
  momentum: 'moving',
  next: 'try pricing',
  since: [],
})

function canvas() {
  const doc = new Y.Doc()
  const map = new Y.Map<unknown>()
  doc.getMap('canvases').set('c1', map)
  return map
}

describe('check-ins in the board document', () => {
  it('reads a canvas written before check-ins as none, weekly', () => {
    const map = canvas()
    expect(readCheckins(map)).toEqual([])
    expect(lastCheckin(map)).toBeNull()
    expect(readCadence(map)).toBe(7)
    expect(map.size).toBe(0)
  })

  it('keeps check-ins in order and the cadence set', () => {
    const map = canvas()
    appendCheckins(map, [checkin('checkin1', '2026-12-01T10:00:00.000Z')])
    appendCheckins(map, [checkin('checkin2', '2026-12-08T10:00:00.000Z')])
    setCadence(map, 14)
    expect(readCheckins(map).map((c) => c.id)).toEqual(['checkin1', 'checkin2'])
    expect(lastCheckin(map)?.id).toBe('checkin2')
    expect(readCadence(map)).toBe(14)
  })

  it('leaves out what does not parse, and a cadence out of range', () => {
    const map = canvas()
    appendCheckins(map, [checkin('checkin1', '2026-12-01T10:00:00.000Z')])
    ;(map.get('checkins') as Y.Array<unknown>).push([{ id: 'x', likelihood: { percent: 300 } }])
    map.set('checkinCadence', 400)
    expect(readCheckins(map).map((c) => c.id)).toEqual(['checkin1'])
    expect(readCadence(map)).toBe(7)
  })
})
