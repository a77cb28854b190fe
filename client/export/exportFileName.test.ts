import { describe, expect, it } from 'vitest'
import { exportBaseName, exportFileName, sanitizeFileName } from './exportFileName'

describe('export file names', () => {
  it('names an export after the board', () => {
    expect(exportFileName('Churn model discovery', 'pdf')).toBe('Churn model discovery.pdf')
    expect(exportFileName('Churn model discovery', 'md')).toBe('Churn model discovery.md')
  })

  it('adds the frame or canvas title after a dash', () => {
    expect(exportFileName('Churn model', 'pdf', 'Interviews')).toBe('Churn model – Interviews.pdf')
    // A part named like the board is not named twice.
    expect(exportBaseName('Churn model', 'Churn model')).toBe('Churn model')
    expect(exportBaseName('Churn model', '  ')).toBe('Churn model')
  })

  it('keeps characters file systems refuse out of the name', () => {
    expect(sanitizeFileName('Q3: a/b test <draft>?')).toBe('Q3 a b test draft')
    expect(sanitizeFileName('..hidden')).toBe('hidden')
    expect(sanitizeFileName('trailing dots... ')).toBe('trailing dots')
    expect(sanitizeFileName('tab\tand\nnewline')).toBe('tab and newline')
    expect(sanitizeFileName('Ünïcödé café 🚀')).toBe('Ünïcödé café 🚀')
  })

  it('falls back to a plain name when the title is unknown or nothing of it is left', () => {
    expect(exportFileName(null, 'pdf')).toBe('Board.pdf')
    expect(exportFileName('///', 'png')).toBe('Board.png')
  })

  it('keeps long titles to a length every file system takes', () => {
    expect(sanitizeFileName('x'.repeat(500)).length).toBe(120)
  })
})
