import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../doc/canvasDoc.js'
import { exportCanvasMarkdown, type ExportCanvas } from '../markdown/exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from '../markdown/importMarkdown.js'
import { hypothesisCanvas } from '../canvases/hypothesis/definition.js'
import { emptyTracking } from '../canvases/hypothesis/tracking.js'
import { projectCanvas } from '../canvases/project/definition.js'
import { emptyProjectTracking } from '../canvases/project/tracking.js'
import type { Checkin } from './checkin.js'

const NOW = Date.parse('2026-12-10T12:00:00.000Z')
const Hostile = 'a | b <b>x</b> `c` \\ # --> **d**'

const checkins: Checkin[] = [
  {
    id: 'checkin-0001',
    at: '2026-12-01T09:00:00.000Z',
    by: Hostile,
    happened: `Ran the test\n${Hostile}`,
    likelihood: { level: 'high' },
    momentum: 'moving',
    next: 'Widen it',
    since: ['Conversion: 2 measurements, latest 4.4 % on 2026-11-30'],
  },
  {
    id: 'checkin-0002',
    at: '2026-12-08T09:00:00.000Z',
    by: 'Bo',
    happened: '',
    likelihood: { percent: 35 },
    momentum: 'stuck',
    next: '',
    since: [],
    linked: ['board-1/hyp-000001'],
  },
]

const hypothesis = (): ExportCanvas => ({
  ...emptyCanvas(hypothesisCanvas.kind, 'Cheaper plan', 'hyp-checkin-1'),
  tracking: { ...emptyTracking(), checkins, checkinCadence: 14 },
})

const project = (): ExportCanvas => ({
  ...emptyCanvas(projectCanvas.kind, 'Churn model', 'prj-checkin-1'),
  tracking: { ...emptyProjectTracking(), checkins, checkinCadence: 3 },
})

describe('check-ins in markdown', () => {
  for (const [kind, make] of [
    ['a hypothesis', hypothesis],
    ['a project', project],
  ] as const) {
    it(`round-trip with their cadence on ${kind}, byte for byte`, () => {
      const canvas = make()
      const first = exportCanvasMarkdown(canvas, { now: NOW })
      const [back] = importMarkdown(first).canvases
      expect(back!.tracking).toEqual(canvas.tracking)
      expect(exportCanvasMarkdown(back!, { now: NOW })).toBe(first)
    })

    it(`are listed for people on ${kind}`, () => {
      const md = exportCanvasMarkdown(make(), { now: NOW })
      expect(md).toContain('### Check-ins')
      expect(md).toContain('| 2026-12-08T09:00:00.000Z | Bo | 35 % | stuck |  |  |')
    })
  }

  it('leave the export of a canvas without check-ins as it was', () => {
    const md = exportCanvasMarkdown(emptyCanvas(projectCanvas.kind, 'Plain', 'prj-checkin-2'), {
      now: NOW,
    })
    expect(md).not.toContain('Check-ins')
    const [back] = importMarkdown(md).canvases
    expect(back!.tracking).not.toHaveProperty('checkins')
  })

  it('refuse a tampered record with a clear error', () => {
    const md = exportCanvasMarkdown(hypothesis(), { now: NOW })
    const tampered = md.replace(/checkins data="[^"]*"/, 'checkins data="bm90LWpzb24"')
    expect(() => importMarkdown(tampered)).toThrow(MarkdownImportError)
  })
})
