import { describe, expect, it } from 'vitest'
import { checkStepField } from './stepFieldCheck'

const step = { processMinutes: 120, leadMinutes: 480 }

describe('checking a typed step number before it is written', () => {
  it('gives the minutes of a valid duration, in the map unit when it has one', () => {
    expect(checkStepField('leadMinutes', '10h', step)).toEqual({ ok: true, value: 600 })
    expect(checkStepField('leadMinutes', '1', step, 'days')).toEqual({ ok: true, value: 1440 })
    expect(checkStepField('processMinutes', '1.5', step, 'hours')).toEqual({ ok: true, value: 90 })
  })

  it('refuses a lead time under the process time, with both times', () => {
    expect(checkStepField('leadMinutes', '1h', step)).toEqual({
      ok: false,
      message: 'Lead time 1h is under the process time 2h: the lead time includes it.',
    })
  })

  it('refuses a process time over the lead time rather than raising the lead time', () => {
    expect(checkStepField('processMinutes', '2', step, 'days')).toEqual({
      ok: false,
      message:
        'Process time 2d is over the lead time 0.33d: it is written once the lead time is at least that.',
    })
  })

  it('accepts a lead time equal to the process time', () => {
    expect(checkStepField('leadMinutes', '2h', step)).toEqual({ ok: true, value: 120 })
  })

  it('refuses what is not a duration, with examples in the map unit', () => {
    expect(checkStepField('leadMinutes', 'soon', step, 'hours')).toEqual({
      ok: false,
      message: '“soon” is not a duration: write 2, 1.5, 45m or 1d (a plain number is in hours).',
    })
  })

  it('refuses a %C&A over 100 or under 0, and a %C&A that is not a number', () => {
    expect(checkStepField('completeAccuratePct', '120', step)).toEqual({
      ok: false,
      message: '%C&A is at most 100; found 120.',
    })
    expect(checkStepField('completeAccuratePct', '-5', step)).toMatchObject({ ok: false })
    expect(checkStepField('completeAccuratePct', 'most', step)).toEqual({
      ok: false,
      message: '“most” is not a number: write a percentage from 0 to 100.',
    })
    expect(checkStepField('completeAccuratePct', '95 %', step)).toEqual({ ok: true, value: 95 })
  })
})
