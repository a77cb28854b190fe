import { describe, expect, it } from 'vitest'
import { formatBytes, measurementBatchRefusal, utf8Bytes } from './changeLimits'

describe('the size of a change', () => {
  it('counts text as UTF-8 bytes, as it travels', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀b€c', '\ud800x']) {
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).byteLength)
    }
  })

  it('names sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(2 * 1024 * 1024)).toBe('2 MB')
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB')
    expect(formatBytes(60 * 1024 * 1024)).toBe('60 MB')
    expect(formatBytes(2.01 * 1024 * 1024)).toBe('2 MB')
    expect(formatBytes(2.01 * 1024 * 1024, { up: true })).toBe('2.1 MB')
  })

  it('allows up to the API limits and names the limit it passes', () => {
    expect(measurementBatchRefusal({ rows: 10_000, bytes: 2 * 1024 * 1024 })).toBeNull()
    expect(measurementBatchRefusal({ rows: 60_000, bytes: 10 }, 'pasted')).toBe(
      '60,000 rows pasted; at most 10,000 can be recorded at once — split the data and record it in parts.',
    )
    expect(measurementBatchRefusal({ rows: 1, bytes: 3 * 1024 * 1024 }, 'pasted')).toMatch(
      /^3 MB of measurements pasted; at most 2 MB/,
    )
  })
})
