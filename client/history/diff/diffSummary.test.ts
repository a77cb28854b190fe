import { describe, expect, it } from 'vitest'
import type { BoardDiff } from '../../../shared/history/boardDiff'
import { parseCompareParam, summaryText } from './diffSummary'

describe('the summary of a comparison', () => {
  it('counts canvases, their parts and drawn shapes, leaving out what did not happen', () => {
    const diff: BoardDiff = {
      canvases: [
        { id: 'canvas01', title: 'New', change: 'added', lines: [], entries: [] },
        {
          id: 'canvas02',
          title: 'Churn',
          change: 'changed',
          lines: ['a', 'b'],
          entries: [
            { text: 'a', change: 'added', part: { kind: 'title' } },
            { text: 'b', change: 'changed', part: { kind: 'field', key: 'x' } },
          ],
        },
      ],
      shapes: [
        { id: 'shape:a', change: 'removed', label: 'a', type: 'note' },
        { id: 'shape:b', change: 'edited', label: 'b', type: 'note' },
      ],
    }
    expect(summaryText(diff)).toBe('2 added · 1 removed · 2 changed')
  })
})

describe('the comparison in a board’s address', () => {
  it('reads a version and another version or now, and nothing else', () => {
    expect(parseCompareParam('abcdef123..now')).toEqual({ from: 'abcdef123', to: 'now' })
    expect(parseCompareParam('abcdef123..zyxwvu987')).toEqual({
      from: 'abcdef123',
      to: 'zyxwvu987',
    })
    expect(parseCompareParam('abc..now')).toBeNull()
    expect(parseCompareParam('abcdef123')).toBeNull()
    expect(parseCompareParam(null)).toBeNull()
  })
})
