import { describe, expect, it } from 'vitest'
import { compareStreams, streamFigures } from './figures.js'

const h = (hours: number) => hours * 60
const worked = [
  { processMinutes: h(2), leadMinutes: h(8), completeAccuratePct: 90 },
  { processMinutes: h(1), leadMinutes: h(24), completeAccuratePct: 80 },
  { processMinutes: h(4), leadMinutes: h(40), completeAccuratePct: 95 },
]

describe('streamFigures', () => {
  it('reproduces the worked example: 7 h process, 72 h lead, 65 h wait, 9.7 %, 68.4 %', () => {
    const f = streamFigures(worked)
    expect(f.totalProcessMinutes).toBe(h(7))
    expect(f.totalLeadMinutes).toBe(h(72))
    expect(f.totalWaitMinutes).toBe(h(65))
    expect((f.activityRatio! * 100).toFixed(1)).toBe('9.7')
    expect((f.rolledCompleteAccurate! * 100).toFixed(1)).toBe('68.4')
    expect(f.stepWaitMinutes).toEqual([h(6), h(23), h(36)])
    expect(f.biggestWaitIndex).toBe(2)
  })

  it('gives zeros and no ratios for a stream with no steps', () => {
    const f = streamFigures([])
    expect(f).toMatchObject({ stepCount: 0, totalLeadMinutes: 0, totalWaitMinutes: 0 })
    expect(f.activityRatio).toBeNull()
    expect(f.rolledCompleteAccurate).toBeNull()
    expect(f.biggestWaitIndex).toBeNull()
  })

  it('has no activity ratio and no biggest wait when every lead time is zero', () => {
    const f = streamFigures([{ processMinutes: 0, leadMinutes: 0, completeAccuratePct: 100 }])
    expect(f.activityRatio).toBeNull()
    expect(f.biggestWaitIndex).toBeNull()
    expect(f.rolledCompleteAccurate).toBe(1)
  })

  it('picks the first of equal biggest waits', () => {
    const f = streamFigures([
      { processMinutes: 1, leadMinutes: 5, completeAccuratePct: 100 },
      { processMinutes: 1, leadMinutes: 5, completeAccuratePct: 100 },
    ])
    expect(f.biggestWaitIndex).toBe(0)
  })
})

describe('compareStreams', () => {
  it('reports lead time saved and activity ratio gained by the future state', () => {
    const future = [
      { processMinutes: h(2), leadMinutes: h(4), completeAccuratePct: 95 },
      { processMinutes: h(4), leadMinutes: h(8), completeAccuratePct: 95 },
    ]
    const c = compareStreams(worked, future)
    expect(c.leadTimeSavedMinutes).toBe(h(60))
    expect(c.activityRatioGained).toBeCloseTo(0.5 - 7 / 72)
    expect(c.rolledCompleteAccurateGained).toBeCloseTo(0.9025 - 0.684)
  })

  it('has no gain when one state has no steps', () => {
    expect(compareStreams(worked, []).activityRatioGained).toBeNull()
  })
})

describe('streamFigures with parallel steps', () => {
  // A, then B and C side by side (C waits longer), then D.
  const parallel = [
    { processMinutes: h(2), leadMinutes: h(8), completeAccuratePct: 90 },
    { processMinutes: h(1), leadMinutes: h(24), completeAccuratePct: 80 },
    { processMinutes: h(4), leadMinutes: h(40), completeAccuratePct: 95, parallel: true },
    { processMinutes: h(1), leadMinutes: h(2), completeAccuratePct: 100 },
  ]

  it('sums lead and process time along the longest step of each group', () => {
    const f = streamFigures(parallel)
    expect(f.stepGroup).toEqual([0, 1, 1, 2])
    expect(f.onCriticalPath).toEqual([true, false, true, true])
    expect(f.totalLeadMinutes).toBe(h(8 + 40 + 2))
    expect(f.totalProcessMinutes).toBe(h(2 + 4 + 1))
    expect(f.totalWaitMinutes).toBe(h(50 - 7))
    expect(f.activityRatio).toBeCloseTo(7 / 50)
  })

  it('rolls %C&A as the product along the critical path only', () => {
    expect(streamFigures(parallel).rolledCompleteAccurate).toBeCloseTo(0.9 * 0.95 * 1)
  })

  it('keeps every step its own wait, but names the biggest wait on the critical path', () => {
    const f = streamFigures([
      { processMinutes: 0, leadMinutes: h(2), completeAccuratePct: 100 },
      { processMinutes: 0, leadMinutes: h(100), completeAccuratePct: 100 },
      { processMinutes: h(110), leadMinutes: h(120), completeAccuratePct: 100, parallel: true },
    ])
    expect(f.stepWaitMinutes).toEqual([h(2), h(100), h(10)])
    expect(f.onCriticalPath).toEqual([true, false, true])
    expect(f.biggestWaitIndex).toBe(2)
  })

  it('takes the first of equally long steps in a group, and ignores parallel on the first step', () => {
    const f = streamFigures([
      { processMinutes: 1, leadMinutes: 5, completeAccuratePct: 50, parallel: true },
      { processMinutes: 2, leadMinutes: 5, completeAccuratePct: 100, parallel: true },
    ])
    expect(f.stepGroup).toEqual([0, 0])
    expect(f.onCriticalPath).toEqual([true, false])
    expect(f.totalLeadMinutes).toBe(5)
    expect(f.rolledCompleteAccurate).toBe(0.5)
  })

  it('gives the sequential figures when no step is parallel', () => {
    const seq = streamFigures(parallel.map(({ parallel: _, ...s }) => s))
    expect(seq.totalLeadMinutes).toBe(h(8 + 24 + 40 + 2))
    expect(seq.onCriticalPath).toEqual([true, true, true, true])
  })

  it('shortens the future state when steps that ran one after another run side by side', () => {
    const sequential = parallel.map(({ parallel: _, ...s }) => s)
    expect(compareStreams(sequential, parallel).leadTimeSavedMinutes).toBe(h(24))
  })
})
