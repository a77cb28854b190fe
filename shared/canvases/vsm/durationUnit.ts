/**
 * The units a team can read a value-stream map's durations in. Durations are stored in minutes
 * whatever the unit, so figures stay exact; a day is 24 hours and a week 7 days (calendar time,
 * as lead times are measured).
 */
export const DurationUnits = ['minutes', 'hours', 'days', 'weeks'] as const
export type DurationUnit = (typeof DurationUnits)[number]

export const MinutesPerUnit: Readonly<Record<DurationUnit, number>> = {
  minutes: 1,
  hours: 60,
  days: 24 * 60,
  weeks: 7 * 24 * 60,
}
