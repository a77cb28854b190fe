import { describe, expect, it } from 'vitest'
import { peopleText, restoredText } from './versionLabels'

describe('who took part in a version', () => {
  it('names up to three people and counts the rest', () => {
    expect(peopleText([])).toBe('')
    expect(peopleText(['Ann'])).toBe('Ann')
    expect(peopleText(['Ann', 'Bo'])).toBe('Ann and Bo')
    expect(peopleText(['Ann', 'Bo', 'Cy'])).toBe('Ann, Bo and Cy')
    expect(peopleText(['Ann', 'Bo', 'Cy', 'Di', 'Ed'])).toBe('Ann, Bo and 3 others')
  })
})

describe('what a restore changed', () => {
  it('counts canvases and shapes, and says when nothing changed', () => {
    expect(restoredText({ canvases: 2, records: 14 })).toBe('Restored 2 canvases and 14 shapes.')
    expect(restoredText({ canvases: 1, records: 0 })).toBe('Restored 1 canvas.')
    expect(restoredText({ canvases: 0, records: 1 })).toBe('Restored 1 shape.')
    expect(restoredText({ canvases: 0, records: 0 })).toMatch(/^Nothing changed/)
  })
})
