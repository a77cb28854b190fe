import { describe, expect, it } from 'vitest'
import type { StoredVersion } from '../persistence/types.js'
import { versionsToDrop } from './retention.js'

const Hour = 60 * 60 * 1000
const Day = 24 * Hour
const now = 1_000 * Day

const v = (id: string, ageMs: number, name: string | null = null): StoredVersion => ({
  boardId: 'b',
  id,
  name,
  createdAt: now - ageMs,
  createdBy: null,
  participants: [],
  bytes: 1,
})

describe('version retention', () => {
  it('keeps the last day whole, then the newest of each day for a week, then of each week', () => {
    const versions = [
      v('today-1', 1 * Hour),
      v('today-2', 20 * Hour),
      v('day2-late', Day + 1 * Hour),
      v('day2-early', Day + 2 * Hour),
      v('day5', 4 * Day + 12 * Hour),
      v('week3-a', 18 * Day),
      v('week3-b', 18 * Day + 1 * Hour),
    ]
    const dropped = versionsToDrop(versions, now)
    expect(dropped.sort()).toEqual(['day2-early', 'week3-b'])
  })

  it('never drops a named version', () => {
    const versions = [v('auto', 40 * Day), v('named', 40 * Day + Hour, 'Before the workshop')]
    expect(versionsToDrop(versions, now)).toEqual([])
  })
})
