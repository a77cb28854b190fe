import { describe, expect, it } from 'vitest'
import { csvRecordsToRows, toMeasurement, validateMeasurementRows } from './measurementInput.js'

const keys = new Set(['conversion', 'latency'])
const now = Date.parse('2026-11-05T12:00:00Z')

describe('checking measurements as they are entered', () => {
  it('accepts good rows and keeps what they say', () => {
    const result = validateMeasurementRows(
      [{ metric: 'conversion', value: 0.05, at: '2026-11-03T10:00:00+01:00', id: 'x' }],
      keys,
      now,
    )
    expect(result).toEqual({
      ok: true,
      rows: [{ metric: 'conversion', value: 0.05, at: '2026-11-03T10:00:00+01:00', id: 'x' }],
    })
  })

  it.each([
    [[{ metric: 'revenue', value: 1 }], 1, 'metric'],
    [
      [
        { metric: 'conversion', value: 1 },
        { metric: 'conversion', value: null },
      ],
      2,
      'value',
    ],
    [[{ metric: 'conversion', value: Infinity }], 1, 'value'],
    [[{ metric: 'conversion', value: 1, at: '03/11/2026' }], 1, 'at'],
    [[{ metric: '', value: 1 }], 1, 'metric'],
    [['conversion,1'], 1, 'row'],
  ])('refuses %j at row %i, field %s', (rows, row, field) => {
    expect(validateMeasurementRows(rows, keys, now)).toMatchObject({ ok: false, row, field })
  })

  it('refuses a value observed more than five minutes after now, naming the time', () => {
    const inFourMinutes = new Date(now + 4 * 60_000).toISOString()
    const inSixMinutes = new Date(now + 6 * 60_000).toISOString()
    expect(
      validateMeasurementRows([{ metric: 'conversion', value: 1, at: inFourMinutes }], keys, now),
    ).toMatchObject({ ok: true })
    const result = validateMeasurementRows(
      [
        { metric: 'conversion', value: 1 },
        { metric: 'conversion', value: 2, at: inSixMinutes },
      ],
      keys,
      now,
    )
    expect(result).toMatchObject({ ok: false, row: 2, field: 'at' })
    if (!result.ok) expect(result.message).toMatch(/^row 2: at is in the future/)
    const csv = csvRecordsToRows(
      [
        ['metric', 'value', 'at'],
        ['conversion', '1', '2027-01-01T00:00:00Z'],
      ].map((r, i) => (i === 0 ? ['metric', 'value', 'at', 'source', 'id'] : r)),
      keys,
      now,
    )
    expect(csv).toMatchObject({ ok: false, row: 1, field: 'at' })
  })

  it('reads CSV records, short rows and numbers written in any JavaScript form', () => {
    const result = csvRecordsToRows(
      [
        ['metric', 'value', 'at', 'source', 'id'],
        ['conversion', '5e-2'],
        ['latency', ' 212 ', '2026-11-03T10:00:00Z', 'apm', 'l-1'],
      ],
      keys,
      now,
    )
    expect(result).toEqual({
      ok: true,
      rows: [
        { metric: 'conversion', value: 0.05 },
        { metric: 'latency', value: 212, at: '2026-11-03T10:00:00Z', source: 'apm', id: 'l-1' },
      ],
    })
  })

  it.each([
    [[['metric', 'amount']], /header/],
    [[['metric', 'value']], /no measurements/],
    [[['metric', 'value', 'at', 'source', 'id']], /no measurements/],
    [
      [
        ['metric', 'value', 'at', 'source', 'id'],
        ['conversion', ''],
      ],
      /row 1: value must be a number/,
    ],
  ])('refuses CSV %j', (records, message) => {
    const result = csvRecordsToRows(records, keys, now)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(message)
  })

  it('records a row in UTC, at the time of recording when it has none', () => {
    const now = Date.parse('2026-11-04T00:00:00.000Z')
    const context = { baseline: false, by: 'Ana', now, id: 'generated' }
    expect(
      toMeasurement({ metric: 'conversion', value: 1, at: '2026-11-03T10:00:00+02:00' }, context),
    ).toMatchObject({
      id: 'generated',
      at: '2026-11-03T08:00:00.000Z',
      recordedAt: '2026-11-04T00:00:00.000Z',
      source: null,
      baseline: false,
      by: 'Ana',
    })
    expect(
      toMeasurement({ metric: 'conversion', value: 1, baseline: true }, context),
    ).toMatchObject({
      at: '2026-11-04T00:00:00.000Z',
      baseline: true,
    })
  })
})
