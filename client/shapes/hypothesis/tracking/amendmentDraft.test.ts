import { describe, expect, it } from 'vitest'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { amendedCriteria, fieldsOf, NewMetric } from './amendmentDraft'

const latency: Metric = {
  id: 'metric-lat',
  key: 'latency',
  name: 'p95 latency',
  kind: 'guardrail',
  unit: 'ms',
  direction: 'decrease',
  baseline: { value: 200, at: null, source: null },
  target: { value: null },
  tolerance: 20,
}

describe('turning the amendment form into new criteria', () => {
  it('changes only the chosen metric, reading decimal commas', () => {
    const fields = { ...fieldsOf(latency), tolerance: '35,5' }
    expect(amendedCriteria([latency], 'latency', fields, false)).toEqual({
      ok: true,
      metrics: [{ ...latency, tolerance: 35.5 }],
    })
  })

  it('names a field that is not a number', () => {
    const fields = { ...fieldsOf(latency), target: 'soon' }
    expect(amendedCriteria([latency], 'latency', fields, false)).toEqual({
      ok: false,
      message: 'The target must be a number, or empty for none',
    })
  })

  it('adds a new metric under a free, valid key', () => {
    const fields = { ...fieldsOf(undefined), key: 'errors', kind: 'guardrail', baseline: '1' }
    const result = amendedCriteria([latency], NewMetric, fields, false)
    expect(result).toMatchObject({
      ok: true,
      metrics: [latency, { key: 'errors', kind: 'guardrail', baseline: { value: 1 } }],
    })
    expect(amendedCriteria([latency], NewMetric, { ...fields, key: 'latency' }, false)).toEqual({
      ok: false,
      message: 'There is a metric latency already',
    })
    expect(
      amendedCriteria([latency], NewMetric, { ...fields, key: '9lives' }, false),
    ).toMatchObject({ ok: false, message: expect.stringContaining('key') })
  })

  it('removes the chosen metric', () => {
    expect(amendedCriteria([latency], 'latency', fieldsOf(latency), true)).toEqual({
      ok: true,
      metrics: [],
    })
  })

  it('keeps a relative target relative, and turns an absolute one relative when asked', () => {
    const conversion: Metric = {
      ...latency,
      id: 'metric-conv',
      key: 'conversion',
      kind: 'success',
      direction: 'increase',
      baseline: { value: 4, at: null, source: null },
      target: { value: null, relative: { by: 10, unit: '%' } },
      tolerance: null,
    }
    const kept = fieldsOf(conversion)
    expect(kept).toMatchObject({ target: '10', targetKind: '%' })
    expect(amendedCriteria([conversion], 'conversion', { ...kept, target: '15' }, false)).toEqual({
      ok: true,
      metrics: [{ ...conversion, target: { value: null, relative: { by: 15, unit: '%' } } }],
    })
    const absolute = { ...conversion, target: { value: 5 } }
    const turned = { ...fieldsOf(absolute), targetKind: 'abs', target: '0.5' }
    expect(amendedCriteria([absolute], 'conversion', turned, false)).toMatchObject({
      ok: true,
      metrics: [{ target: { value: null, relative: { by: 0.5, unit: 'abs' } } }],
    })
    const empty = { ...fieldsOf(absolute), targetKind: '%', target: '' }
    expect(amendedCriteria([absolute], 'conversion', empty, false)).toEqual({
      ok: false,
      message: 'A relative target needs the change over the baseline',
    })
  })
})
