import { MinutesPerUnit, type DurationUnit } from '../../../shared/canvases/vsm/durationUnit'

const MinutesPer = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 } as const

/** The suffix a duration in each unit is written with, as `parseDuration` reads it back. */
const Suffix: Record<DurationUnit, keyof typeof MinutesPer> = {
  minutes: 'm',
  hours: 'h',
  days: 'd',
  weeks: 'w',
}

/**
 * Reads a duration as people write it: "45m", "2h", "1.5h", "2h 30m", "3d" (calendar days of
 * 24 h), "1w"; a plain number is in `unit` (minutes unless the map shows another). Undefined
 * when it is not a duration.
 */
export function parseDuration(text: string, unit: DurationUnit = 'minutes'): number | undefined {
  const trimmed = text.trim().toLowerCase().replace(/,/g, '.')
  if (trimmed === '') return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return roundMinutes(Number(trimmed) * MinutesPerUnit[unit])
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(min|w|d|h|m)\s*/g)]
  // Every character must belong to a part: "2x" or "h2" is not a duration.
  if (
    parts.length === 0 ||
    parts
      .map((p) => p[0])
      .join('')
      .trim() !== trimmed
  )
    return undefined
  let minutes = 0
  for (const [, amount, suffix] of parts) {
    minutes +=
      Number(amount) * MinutesPer[suffix === 'min' ? 'm' : (suffix as keyof typeof MinutesPer)]
  }
  return roundMinutes(minutes)
}

const roundMinutes = (minutes: number) => Math.round(minutes * 100) / 100

/**
 * A duration for reading: in the map's unit when it has one ("1.5h", "3d", "0.5w"), else in
 * the largest units that keep it exact enough to read ("45m", "7h", "3d 4h").
 */
export function formatDuration(minutes: number, unit?: DurationUnit): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return unit ? `0${Suffix[unit]}` : '0m'
  if (unit) return `${round(minutes / MinutesPerUnit[unit], 100)}${Suffix[unit]}`
  if (minutes < 60) return `${round(minutes)}m`
  const days = Math.floor(minutes / MinutesPer.d)
  const hours = (minutes - days * MinutesPer.d) / 60
  if (days === 0) return `${round(hours)}h`
  return hours >= 0.05 ? `${days}d ${round(hours)}h` : `${days}d`
}

const round = (n: number, by = 10) => String(Math.round(n * by) / by)

/** A ratio (0.097) as a percentage ("9.7 %"), or a dash when there is none. */
export const formatPercent = (ratio: number | null) =>
  ratio === null ? '–' : `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`
