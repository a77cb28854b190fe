const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

/** "just now", "5 minutes ago", "yesterday"… for an ISO time in the past. */
export function relativeTime(iso: string, now = Date.now()): string {
  // Times slightly ahead of `now` (server clock skew, a clock that ticks once a minute) are
  // shown as "just now" rather than "in 2 minutes".
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000))
  if (Number.isNaN(seconds)) return 'at an unknown time'
  if (Math.abs(seconds) < 45) return 'just now'
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit)
  }
  return format.format(Math.round(seconds / 60), 'minute')
}

/** The full local date and time, for a tooltip next to a relative time. */
export function absoluteTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString()
}
