import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { WorkshopState } from '../../shared/workshop/workshopState.js'
import { createSqliteAccessStore } from '../persistence/sqlite/sqliteAccess.js'
import { createWorkshopService } from './workshopService.js'

const owner = { participantId: 'a'.repeat(32), isOwner: true }
const guest = { participantId: 'b'.repeat(32), isOwner: false }
const items = [
  { id: 'item-a', label: 'A', place: 'Canvas · Problem' },
  { id: 'item-b', label: 'B', place: 'Canvas · Problem' },
  { id: 'item-c', label: 'C', place: 'Sticky note' },
]

function setup(db = new Database(':memory:')) {
  db.exec('CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY)')
  const published: WorkshopState[] = []
  let clock = 1_000
  const service = createWorkshopService({
    store: createSqliteAccessStore(db),
    now: () => clock++,
    items: async () => items,
    publish: (_boardId, state) => published.push(state),
  })
  return { db, service, published }
}

const startVote = {
  type: 'startVoting' as const,
  voting: { scope: { kind: 'board' as const }, votesPerPerson: 2, onePerItem: true },
}

describe('the workshop service', () => {
  it('refuses a participant without the role with 403 and changes nothing', async () => {
    const { service, published } = setup()
    await expect(service.act('board', { type: 'summon' }, guest)).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(published).toEqual([])
  })

  it('counts a vote sent twice (a retry after a reconnect) once, and two tabs within one budget', async () => {
    const { service } = setup()
    await service.act('board', startVote, owner)
    await service.vote('board', 'p1', 'vote-0001', 'item-a')
    const again = await service.vote('board', 'p1', 'vote-0001', 'item-a')
    expect(again.mine).toHaveLength(1)
    // Two tabs of one person cast their last votes at the same moment: only the budget counts.
    const results = await Promise.allSettled([
      service.vote('board', 'p1', 'vote-tab1', 'item-b'),
      service.vote('board', 'p1', 'vote-tab2', 'item-c'),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect((await service.myVotes('board', 'p1')).mine).toHaveLength(2)
    await expect(service.vote('board', 'p2', 'vote-0002', 'item-zzz')).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('ranks every item when the facilitator ends the vote, and keeps it across a restart', async () => {
    const db = new Database(':memory:')
    const { service } = setup(db)
    await service.act('board', startVote, owner)
    await service.vote('board', 'p1', 'vote-p1-c', 'item-c')
    await service.vote('board', 'p2', 'vote-p2-c', 'item-c')
    await service.vote('board', 'p2', 'vote-p2-a', 'item-a')
    await service.unvote('board', 'p2', 'item-a')
    const ended = await service.act('board', { type: 'endVoting' }, owner)
    expect(ended.voting?.results).toEqual([
      { itemId: 'item-c', label: 'C', votes: 2 },
      { itemId: 'item-a', label: 'A', votes: 0 },
      { itemId: 'item-b', label: 'B', votes: 0 },
    ])
    expect(ended.voting?.voters).toBe(2)
    await expect(service.vote('board', 'p3', 'vote-late1', 'item-a')).rejects.toMatchObject({
      code: 'conflict',
    })

    const restarted = setup(db).service
    expect((await restarted.get('board')).voting).toEqual(ended.voting)
  })

  it('publishes every change it stores', async () => {
    const { service, published } = setup()
    await service.act('board', { type: 'timer', timer: { action: 'start' } }, owner)
    expect(published).toHaveLength(1)
    expect(published[0]!.timer.status).toBe('running')
  })
})
