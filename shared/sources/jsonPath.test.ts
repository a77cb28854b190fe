import { describe, expect, it } from 'vitest'
import { parseJsonPath, readJsonPath, readNumber, readTime } from './jsonPath.js'

describe('a JSON path', () => {
  it('reads members, indexes, the last element and quoted names', () => {
    const json = { metrics: [{ value: 1 }, { value: 2, 'a b': { c: 3 } }] }
    expect(readJsonPath(json, '$.metrics[0].value')).toEqual({ found: true, value: 1 })
    expect(readJsonPath(json, '$.metrics[-1].value')).toEqual({ found: true, value: 2 })
    expect(readJsonPath(json, '$.metrics[1]["a b"].c')).toEqual({ found: true, value: 3 })
    expect(readJsonPath(json, "$.metrics[1]['a b'].c")).toEqual({ found: true, value: 3 })
    expect(readJsonPath(json, '$')).toEqual({ found: true, value: json })
  })

  it('names the first step that is missing', () => {
    const json = { metrics: [{ value: 1 }] }
    expect(readJsonPath(json, '$.metrics[3].value')).toEqual({
      found: false,
      message: '$.metrics has no element [3] (it has 1)',
    })
    expect(readJsonPath(json, '$.metrics[0].count')).toEqual({
      found: false,
      message: '$.metrics[0] has no "count"',
    })
    expect(readJsonPath(json, '$.metrics.value')).toEqual({
      found: false,
      message: '$.metrics is not an object',
    })
    expect(readJsonPath({ a: 1 }, '$.a[0]')).toEqual({ found: false, message: '$.a is not a list' })
  })

  it('refuses what is not a path', () => {
    expect(parseJsonPath('metrics.value')).toBe('a path starts with $')
    expect(parseJsonPath('$.a..b')).toMatch(/cannot read the path at/)
    expect(parseJsonPath('$[*]')).toMatch(/cannot read the path at/)
    expect(parseJsonPath('$.a["b"][2]')).toEqual(['a', 'b', 2])
  })

  it('does not read inherited members', () => {
    expect(readJsonPath({}, '$.constructor').found).toBe(false)
  })
})

describe('a value and its time', () => {
  it('reads numbers and numeric strings, nothing else', () => {
    expect(readNumber(0.5)).toBe(0.5)
    expect(readNumber('42.1')).toBe(42.1)
    expect(readNumber('NaN')).toBeNull()
    expect(readNumber('')).toBeNull()
    expect(readNumber(true)).toBeNull()
    expect(readNumber(null)).toBeNull()
  })

  it('reads epoch milliseconds, epoch seconds and ISO strings', () => {
    const ms = Date.parse('2026-03-01T10:00:00Z')
    expect(readTime(ms)).toBe(ms)
    expect(readTime(ms / 1000)).toBe(ms)
    expect(readTime('1772359200.5')).toBe(ms + 500)
    expect(readTime('2026-03-01T10:00:00Z')).toBe(ms)
    expect(readTime('2026-03-01T11:00:00+01:00')).toBe(ms)
    expect(readTime('yesterday')).toBeNull()
    expect(readTime(-5)).toBeNull()
  })
})
