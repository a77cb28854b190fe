import { describe, expect, it } from 'vitest'
import { pastedRows } from './pastedRows'

const keys = new Set(['conversion', 'latency'])
const now = Date.parse('2026-11-05T12:00:00Z')

describe('reading pasted measurements', () => {
  it('reads rows under the API header, leaving off empty optional columns', () => {
    const text =
      'metric,value,at,source,id\nconversion,4.8,2026-03-04T09:00:00Z,dashboard,r1\nlatency,190'
    expect(pastedRows(text, keys, now)).toEqual({
      ok: true,
      rows: [
        {
          metric: 'conversion',
          value: 4.8,
          at: '2026-03-04T09:00:00Z',
          source: 'dashboard',
          id: 'r1',
        },
        { metric: 'latency', value: 190 },
      ],
    })
  })

  it('understands rows pasted without the header', () => {
    expect(pastedRows('conversion,5.1\nlatency,185', keys, now)).toMatchObject({
      ok: true,
      rows: [{ value: 5.1 }, { value: 185 }],
    })
  })

  it('fails all of them on one bad row, naming the row and the field', () => {
    const text = 'metric,value,at,source,id\nconversion,5\nconversion,5,yesterday\nlatency,180'
    const result = pastedRows(text, keys, now)
    expect(result).toMatchObject({ ok: false, row: 2, field: 'at' })
    expect(!result.ok && result.message).toMatch(/^row 2: at /)
  })

  it('names a metric the hypothesis does not have', () => {
    expect(pastedRows('metric,value,at,source,id\nrevenue,10', keys, now)).toMatchObject({
      ok: false,
      message: 'row 1: metric "revenue" is not a metric of this hypothesis',
    })
  })

  it('says what the header must be when it is neither the header nor a metric', () => {
    expect(pastedRows('name,amount\nconversion,5', keys, now)).toMatchObject({
      ok: false,
      message: expect.stringContaining('metric,value,at,source,id'),
    })
  })

  it('refuses more rows than the API takes at once, counting the rows and not the header', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `conversion,${i % 10}`).join('\n')
    expect(pastedRows(rows, keys, now)).toEqual({
      ok: false,
      message:
        '60,000 rows pasted; at most 10,000 can be recorded at once — split the data and record it in parts.',
    })
    const header = 'metric,value,at,source,id\n'
    const tenThousand = Array.from({ length: 10_000 }, () => 'conversion,5').join('\n')
    expect(pastedRows(header + tenThousand, keys, now)).toMatchObject({ ok: true })
    expect(pastedRows(tenThousand, keys, now)).toMatchObject({ ok: true })
    expect(pastedRows(`${header}${tenThousand}\nlatency,180`, keys, now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^10,001 rows pasted/),
    })
  })

  it('refuses more text than the API takes in one request', () => {
    const row = `conversion,5,2026-03-04T09:00:00Z,${'s'.repeat(200)},`
    const text = Array.from({ length: 9_000 }, () => row).join('\n')
    expect(pastedRows(text, keys, now)).toEqual({
      ok: false,
      message: expect.stringMatching(/^2\.\d MB of measurements pasted; at most 2 MB can be/),
    })
  })
})
