import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Persistence } from '../../server/persistence/types.js'
import { postgresKind, sqliteKind } from './stores.js'

/** The metric-source part of the persistence contract, on both stores. */
const kinds = [sqliteKind(), postgresKind()]
afterAll(async () => {
  for (const kind of kinds) await kind.dispose()
})

describe.each(kinds)('metric sources in the $name store', (kind) => {
  let store: Persistence
  let reopen: () => Promise<Persistence>
  const others: Persistence[] = []
  beforeEach(async () => {
    ;({ store, reopen } = await kind.open())
  })
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close()
    await store?.close()
  })

  const source = (boardId: string, id: string, metricKey = 'latency', nextPollAt = 1000) => ({
    id,
    boardId,
    canvasId: 'hypothesis-1',
    metricKey,
    configJson: '{"kind":"prometheus"}',
    now: 500,
    nextPollAt,
  })

  it('keeps one source per metric: a second put changes it, keeps its id and clears its error', async () => {
    await store.createBoard({ id: 'b1', title: 'B', now: 1 })
    await store.putMetricSource(source('b1', 'src-1'))
    await store.claimMetricSource('src-1', 1000, 2000)
    await store.finishMetricSourcePoll('src-1', {
      at: 1000,
      nextPollAt: 61_000,
      error: 'The query returned no series',
    })
    const changed = await store.putMetricSource({
      ...source('b1', 'src-other'),
      configJson: '{"kind":"json"}',
      now: 1500,
      nextPollAt: 1500,
    })
    expect(changed).toMatchObject({
      id: 'src-1',
      configJson: '{"kind":"json"}',
      lastError: null,
      lastPollAt: 1000,
      nextPollAt: 1500,
      updatedAt: 1500,
    })
    expect(await store.listMetricSources('b1')).toHaveLength(1)
    expect(await store.deleteMetricSource('b1', 'hypothesis-1', 'latency')).toBe(true)
    expect(await store.deleteMetricSource('b1', 'hypothesis-1', 'latency')).toBe(false)
    expect(await store.getMetricSource('b1', 'hypothesis-1', 'latency')).toBeUndefined()
  })

  it('lets two instances claiming at once take each due source once', async () => {
    await store.createBoard({ id: 'b1', title: 'B', now: 1 })
    for (let i = 0; i < 12; i++) await store.putMetricSource(source('b1', `src-${i}`, `m${i}`))
    await store.putMetricSource(source('b1', 'later', 'later', 500_000))
    const other = await reopen()
    others.push(other)
    const [a, b] = await Promise.all([
      store.claimDueMetricSources(2000, 62_000, 8),
      other.claimDueMetricSources(2000, 62_000, 8),
    ])
    const ids = [...a, ...b].map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `src-${i}`).sort())
    // Held until the lease ends: neither a scheduled claim nor "poll now" takes them.
    expect(await store.claimDueMetricSources(3000, 63_000, 20)).toEqual([])
    expect(await other.claimMetricSource('src-0', 3000, 63_000)).toBeUndefined()
    // A poller that died leaves its lease to end; then the source is taken up again.
    expect((await store.claimDueMetricSources(62_000, 122_000, 20)).length).toBe(12)
  })

  it('lets a finished poll go, records its value, and keeps the last value after a failure', async () => {
    await store.createBoard({ id: 'b1', title: 'B', now: 1 })
    await store.putMetricSource(source('b1', 'src-1'))
    const [claimed] = await store.claimDueMetricSources(1000, 61_000, 5)
    expect(claimed?.leaseUntil).toBe(61_000)
    await store.finishMetricSourcePoll('src-1', {
      at: 1000,
      nextPollAt: 61_000,
      error: null,
      value: { value: 187.5, at: 900 },
    })
    await store.claimMetricSource('src-1', 2000, 62_000)
    await store.finishMetricSourcePoll('src-1', { at: 2000, nextPollAt: 62_000, error: 'down' })
    expect(await store.getMetricSource('b1', 'hypothesis-1', 'latency')).toMatchObject({
      lastPollAt: 2000,
      nextPollAt: 62_000,
      lastError: 'down',
      lastValue: 187.5,
      lastValueAt: 900,
      leaseUntil: null,
    })
    expect(await store.claimDueMetricSources(61_999, 70_000, 5)).toEqual([])
    expect(await store.claimDueMetricSources(62_000, 70_000, 5)).toHaveLength(1)
  })

  it('never claims the sources of a deleted board, and purges them with it', async () => {
    await store.createBoard({ id: 'b1', title: 'B', now: 1 })
    await store.putMetricSource(source('b1', 'src-1'))
    await store.softDeleteBoard('b1', 10, null)
    expect(await store.claimDueMetricSources(2000, 62_000, 5)).toEqual([])
    await store.purgeDeletedBoards(11)
    expect(await store.listMetricSources('b1')).toEqual([])
  })
})
