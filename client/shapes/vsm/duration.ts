const MinutesPer = { d: 24 * 60, h: 60, m: 1 } as const

/**
 * Reads a duration as people write it: "90" (minutes), "45m", "2h", "1.5h", "2h 30m", "3d"
 * (calendar days of 24 h). Undefined when it is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase().replace(/,/g, '.')
  if (trimmed === '') return undefined
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(min|d|h|m)\s*/g)]
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
  for (const [, amount, unit] of parts) {
    minutes += Number(amount) * MinutesPer[unit === 'min' ? 'm' : (unit as keyof typeof MinutesPer)]
  }
  return Math.round(minutes * 100) / 100
}

/** A duration in the largest units that keep it exact enough to read: "45m", "7h", "3d 4h". */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '0m'
  if (minutes < 60) return `${round(minutes)}m`
  const days = Math.floor(minutes / MinutesPer.d)
  const hours = (minutes - days * MinutesPer.d) / 60
  if (days === 0) return `${round(hours)}h`
  return hours >= 0.05 ? `${days}d ${round(hours)}h` : `${days}d`
}

const round = (n: number) => String(Math.round(n * 10) / 10)

/** A ratio (0.097) as a percentage ("9.7 %"), or a dash when there is none. */
export const formatPercent = (ratio: number | null) =>
  ratio === null ? '–' : `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`
