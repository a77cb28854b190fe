import type { StoredVersion } from '../persistence/types.js'

const Hour = 60 * 60 * 1000
const Day = 24 * Hour
const Week = 7 * Day

/**
 * Which automatic versions retention drops at `now`: every version of the last day is kept,
 * then the newest of each day for a week, then the newest of each week. Named versions are
 * never dropped.
 */
export function versionsToDrop(versions: readonly StoredVersion[], now: number): string[] {
  const kept = new Set<string>()
  const drop: string[] = []
  for (const v of [...versions].sort((a, b) => b.createdAt - a.createdAt)) {
    if (v.name !== null) continue
    const age = now - v.createdAt
    if (age <= Day) continue
    const bucket =
      age <= Week
        ? `day ${Math.floor(v.createdAt / Day)}`
        : `week ${Math.floor(v.createdAt / Week)}`
    if (kept.has(bucket)) drop.push(v.id)
    else kept.add(bucket)
  }
  return drop
}
