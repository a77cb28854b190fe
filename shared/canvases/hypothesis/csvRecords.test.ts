import { describe, expect, it } from 'vitest'
import { splitCsv } from './csvRecords'
import { csvRecordsToRows } from './measurementInput'

const records = (text: string) => {
  const result = splitCsv(text)
  if (!result.ok) throw new Error(result.message)
  return result.records
}

describe('splitting pasted CSV into records', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and trims plain cells', () => {
    expect(records('metric,value\n conversion , 4.2 \n"a,b","say ""hi""\nthere"')).toEqual([
      ['metric', 'value'],
      ['conversion', '4.2'],
      ['a,b', 'say "hi"\nthere'],
    ])
  })

  it('accepts CRLF, a byte-order mark, blank lines and a missing final newline', () => {
    expect(records('\uFEFFmetric,value\r\n\r\nconversion,5\r\nlatency,180')).toEqual([
      ['metric', 'value'],
      ['conversion', '5'],
      ['latency', '180'],
    ])
  })

  it('keeps empty cells so later columns stay in place', () => {
    expect(records('conversion,5,,manual,')).toEqual([['conversion', '5', '', 'manual', '']])
  })

  it('refuses a row with more columns than metric,value,at,source,id, naming the row', () => {
    const result = splitCsv('metric,value,at,source,id\nconversion,5,,,,extra')
    expect(result).toMatchObject({ ok: false })
    expect(!result.ok && result.message).toContain('row 1')
  })

  it('refuses a quote left open and a stray quote, naming the line', () => {
    expect(splitCsv('metric,value\n"conversion,5')).toMatchObject({
      ok: false,
      message: expect.stringContaining('line 2'),
    })
    expect(splitCsv('metric,value\ncon"version,5')).toMatchObject({
      ok: false,
      message: expect.stringContaining('line 2'),
    })
  })

  it('feeds the shared row checks, which name the bad row and field', () => {
    const keys = new Set(['conversion'])
    const text = 'metric,value,at,source,id\nconversion,5\nconversion,lots'
    expect(csvRecordsToRows(records(text), keys, Date.now())).toMatchObject({
      ok: false,
      row: 2,
      field: 'value',
    })
  })

  it('accepts a headerless first row shorter than the rows after it', () => {
    expect(records('conversion,5\nconversion,6,2026-03-04T09:00:00Z,manual,r1')).toEqual([
      ['conversion', '5'],
      ['conversion', '6', '2026-03-04T09:00:00Z', 'manual', 'r1'],
    ])
  })

  it('says where the text stops being CSV with the line number the parser reports', () => {
    const result = splitCsv('metric,value\nconversion,5\n"latency,180\n')
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^CSV \(line \d+\): /),
    })
    expect(!result.ok && result.line).toBeGreaterThanOrEqual(3)
  })

  it('names the header when it alone is too wide', () => {
    expect(splitCsv('metric,value,at,source,id,note\nconversion,5')).toMatchObject({
      ok: false,
      message: expect.stringContaining('the header'),
    })
  })
})

describe('reading the header of measurement CSV', () => {
  const keys = new Set(['conversion', 'latency'])
  const rows = (text: string) => csvRecordsToRows(records(text), keys, Date.now())

  it('takes a header naming only metric and value, and one in another order', () => {
    expect(rows('metric,value\nconversion,5')).toMatchObject({
      ok: true,
      rows: [{ metric: 'conversion', value: 5 }],
    })
    expect(rows('id,value,metric\nr1,6,latency')).toMatchObject({
      ok: true,
      rows: [{ metric: 'latency', value: 6, id: 'r1' }],
    })
  })

  it('names an unknown column, where it is, and what columns it may name', () => {
    expect(rows('metric,amount\nconversion,5')).toEqual({
      ok: false,
      message:
        'CSV header: column 2 is "amount"; expected column names from metric,value,at,source,id, metric and value at least.',
    })
  })

  it('says which required column the header lacks and what it found', () => {
    expect(rows('metric,at\nconversion,2026-01-01T00:00:00Z')).toEqual({
      ok: false,
      message:
        'CSV header: found the header metric,at, with no value column; expected column names from metric,value,at,source,id, metric and value at least.',
    })
  })

  it('refuses a column named twice', () => {
    expect(rows('metric,value,metric\nconversion,5,latency')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"metric" is named twice'),
    })
  })
})
