import { afterAll, describe, expect, it } from 'vitest'
import { sqliteKind } from './stores.js'

/**
 * Full durability on the embedded store: the updates of one event-loop turn are committed in one
 * transaction and synced once, so a commit that fails refuses all of them and stores none.
 */
const kind = sqliteKind('full')
afterAll(() => kind.dispose())

const bytes = (...values: number[]) => new Uint8Array(values)

describe('the embedded store with full durability', () => {
  it('stores updates sent in one turn in the order sent, each with its own sequence number', async () => {
    const { store } = await kind.open()
    await store.createBoard({ id: 'b1', title: '', now: 0 })
    const seqs = await Promise.all([1, 2, 3].map((v) => store.appendUpdate('b1', bytes(v), 10)))
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(3)
    expect((await store.loadDocument('b1')).updates).toEqual([bytes(1), bytes(2), bytes(3)])
    await store.close()
  })

  it('refuses every update of a commit that fails, stores none of them, and stores the next', async () => {
    const { store, sql } = await kind.open()
    await store.createBoard({ id: 'b1', title: '', now: 0 })
    await store.appendUpdate('b1', bytes(1), 10)
    // The third update of the next turn makes its transaction fail.
    await sql(`CREATE TRIGGER refuse BEFORE INSERT ON doc_updates WHEN NEW.data = x'ff'
               BEGIN SELECT RAISE(ABORT, 'refused'); END`)
    const turn = await Promise.allSettled(
      [bytes(2), bytes(3), bytes(0xff)].map((u) => store.appendUpdate('b1', u, 10)),
    )
    expect(turn.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect((await store.loadDocument('b1')).updates).toEqual([bytes(1)])

    await store.appendUpdate('b1', bytes(4), 10)
    expect((await store.loadDocument('b1')).updates).toEqual([bytes(1), bytes(4)])
    await store.close()
  })

  it('stores an update queued just before closing', async () => {
    const { store, reopen } = await kind.open()
    await store.createBoard({ id: 'b1', title: '', now: 0 })
    const written = store.appendUpdate('b1', bytes(7), 10)
    await store.close()
    await written
    const again = await reopen()
    expect((await again.loadDocument('b1')).updates).toEqual([bytes(7)])
    await again.close()
  })
})
