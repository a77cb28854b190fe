import { describe, expect, it } from 'vitest'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { amendedMetric, amendmentChanges } from './amendmentWords'

const conversion: Metric = {
  id: 'metric-conv',
  key: 'conversion',
  name: 'Checkout conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 4, at: '2026-03-01', source: 'dashboard' },
  target: { value: 5 },
  tolerance: null,
}

describe('saying what an amendment changed', () => {
  it('names each changed term with its old and new value', () => {
    const after = amendedMetric(conversion, {
      name: 'Conversion',
      unit: '%',
      direction: 'increase',
      tolerance: null,
      baseline: 4,
      target: { value: 6 },
    })
    expect(amendmentChanges({ before: conversion, after })).toEqual([
      'name “Checkout conversion” → “Conversion”',
      'target 5 % → 6 %',
    ])
    expect(after.baseline).toEqual({ value: 4, at: '2026-03-01', source: 'dashboard' })
  })

  it('says when a metric was added, removed or its direction turned', () => {
    expect(amendmentChanges({ before: null, after: conversion })).toEqual([
      'added as a success metric',
    ])
    expect(amendmentChanges({ before: conversion, after: null })).toEqual(['removed'])
    const turned = { ...conversion, direction: 'decrease' as const, target: { value: null } }
    expect(amendmentChanges({ before: conversion, after: turned })).toEqual([
      'lower is now better',
      'target 5 % → none',
    ])
  })
})
