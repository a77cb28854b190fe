import type { DurationUnit } from '../../../shared/canvases/vsm/durationUnit'
import { formatDuration, parseDuration } from './duration'

/** The numbers of a step a person types. */
export type StepNumberField = 'processMinutes' | 'leadMinutes' | 'completeAccuratePct'

/** What a typed value of a step gives: the value to write, or why it cannot be written. */
export type StepFieldCheck = { ok: true; value: number } | { ok: false; message: string }

const Examples: Record<DurationUnit, string> = {
  minutes: '90, 45m, 2h 30m or 1.5d',
  hours: '2, 1.5, 45m or 1d',
  days: '3, 0.5, 4h or 1w',
  weeks: '1, 0.5, 3d or 2w',
}

/**
 * Checks what a person typed into a number of a step before anything is written: a duration
 * that is not one, a lead time under the process time (or a process time over the lead time),
 * a %C&A outside 0–100. The message says what was found and what is expected, so the field can
 * show it and keep the text rather than change another field or go back silently.
 */
export function checkStepField(
  field: StepNumberField,
  text: string,
  step: { processMinutes: number; leadMinutes: number },
  unit?: DurationUnit,
): StepFieldCheck {
  const typed = text.trim()
  if (field === 'completeAccuratePct') {
    const n = Number(typed.replace(/\s*%$/, '').replace(',', '.'))
    if (typed === '' || !Number.isFinite(n))
      return fail(`“${typed}” is not a number: write a percentage from 0 to 100.`)
    if (n > 100) return fail(`%C&A is at most 100; found ${n}.`)
    if (n < 0) return fail(`%C&A is at least 0; found ${n}.`)
    return { ok: true, value: n }
  }
  const minutes = parseDuration(typed, unit)
  const label = field === 'leadMinutes' ? 'Lead time' : 'Process time'
  if (minutes === undefined) {
    const example = Examples[unit ?? 'minutes']
    const plain = unit ? `a plain number is in ${unit}` : 'a plain number is in minutes'
    return fail(`“${typed}” is not a duration: write ${example} (${plain}).`)
  }
  const show = (m: number) => formatDuration(m, unit)
  if (field === 'leadMinutes' && minutes < step.processMinutes)
    return fail(
      `${label} ${show(minutes)} is under the process time ${show(step.processMinutes)}: the lead time includes it.`,
    )
  if (field === 'processMinutes' && minutes > step.leadMinutes)
    return fail(
      `${label} ${show(minutes)} is over the lead time ${show(step.leadMinutes)}: it is written once the lead time is at least that.`,
    )
  return { ok: true, value: minutes }
}

const fail = (message: string): StepFieldCheck => ({ ok: false, message })
