import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
  WorkshopLimits,
  WorkshopStateSchema,
  type WorkshopState,
} from '../../shared/workshop/workshopState.js'
import type { WorkshopStore } from '../access/accessTypes.js'
import type { Logger } from '../logger.js'
import { createSqliteAccessStore } from '../persistence/sqlite/sqliteAccess.js'
import { migrateSqlite } from '../persistence/sqlite/sqliteMigrations.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import { createWorkshopService } from './workshopService.js'

const owner = { participantId: 'a'.repeat(32), isOwner: true }
const guest = { participantId: 'b'.repeat(32), isOwner: false }
const items = [
  { id: 'item-a', label: 'A', place: 'Canvas · Problem' },
  { id: 'item-b', label: 'B', place: 'Canvas · Problem' },
  { id: 'item-c', label: 'C', place: 'Sticky note' },
]

function setup(
  db = new Database(':memory:'),
  wrap: (store: WorkshopStore) => WorkshopStore = (store) => store,
) {
  migrateSqlite(db)
  const published: WorkshopState[] = []
  const logged: { event: string; fields?: Record<string, unknown> }[] = []
  const note = (event: string, fields?: Record<string, unknown>) => logged.push({ event, fields })
  const log: Logger = { info: note, warn: note, error: note }
  let clock = 1_000
  const service = createWorkshopService({
    store: wrap(createSqliteAccessStore(db)),
    now: () => clock++,
    items: async () => items,
    publish: (_boardId, state) => published.push(state),
    log,
  })
  return { db, service, published, logged }
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

const alice = 'c'.repeat(32)
const canvasLock = { kind: 'canvas' as const, canvasId: 'canvas0001' }
const frameLock = { kind: 'frame' as const, shapeId: 'shape:frame-1' }
const storedJson = (db: Database.Database, boardId = 'board') =>
  (
    db.prepare('SELECT state_json FROM workshops WHERE board_id = ?').get(boardId) as
      { state_json: string } | undefined
  )?.state_json

/** A store whose writes fail, as a full disk would, while `failing.on` is set. */
function failingStore(failing: { on: boolean }) {
  return (store: WorkshopStore): WorkshopStore => {
    const wrapped = { ...store }
    const writes = [
      'saveWorkshop',
      'saveWorkshopWithPastVotes',
      'addVote',
      'removeVote',
      'recordParticipant',
    ] as const
    for (const name of writes) {
      const write = store[name] as (...args: unknown[]) => unknown
      ;(wrapped as Record<string, unknown>)[name] = (...args: unknown[]) => {
        if (failing.on) throw new StorageUnavailableError(new Error('database or disk is full'))
        return write(...args)
      }
    }
    return wrapped
  }
}

describe('what the workshop keeps', () => {
  it('keeps facilitators, locks and every result through 1,000 ended votes and a restart', async () => {
    const db = new Database(':memory:')
    const { service } = setup(db)
    await service.act('board', { type: 'facilitator', participantId: alice, on: true }, owner)
    await service.act('board', { type: 'lock', scope: canvasLock, locked: true }, owner)
    await service.act('board', { type: 'lock', scope: frameLock, locked: true }, owner)
    await service.act('board', { type: 'private', scope: canvasLock, on: true }, owner)
    for (let i = 0; i < 1000; i++) {
      await service.act('board', startVote, owner)
      await service.vote('board', 'p1', `vote-${String(i).padStart(6, '0')}`, items[i % 3]!.id)
      await service.act('board', { type: 'endVoting' }, owner)
    }
    const json = storedJson(db)!
    expect(WorkshopStateSchema.safeParse(JSON.parse(json)).success).toBe(true)
    // The state holds the latest vote only: it does not grow with every vote.
    expect(json.length).toBeLessThan(4000)

    const restarted = setup(db)
    const state = await restarted.service.get('board')
    expect(state.facilitatorIds).toEqual([alice])
    expect(state.locks).toEqual([canvasLock, frameLock])
    expect(state.privateScopes.map((p) => p.scope)).toEqual([canvasLock])
    expect(state.voting).toMatchObject({ status: 'closed', voters: 1 })
    const past = await restarted.service.pastVotes('board')
    expect(past).toHaveLength(1000)
    expect(past.at(-1)!.id).toBe(state.voting!.id)
    expect(past[0]!.results![0]).toEqual({ itemId: 'item-a', label: 'A', votes: 1 })
    expect(past[1]!.results![0]).toEqual({ itemId: 'item-b', label: 'B', votes: 1 })
    expect(restarted.logged).toEqual([])
  })

  it('refuses to go past the bounds of each part, clearly, and stores only valid states', async () => {
    const db = new Database(':memory:')
    const { service } = setup(db)
    const ids = Array.from({ length: WorkshopLimits.facilitators }, (_, i) =>
      i.toString(16).padStart(32, '0'),
    )
    for (const id of ids) {
      await service.act('board', { type: 'facilitator', participantId: id, on: true }, owner)
    }
    await expect(
      service.act('board', { type: 'facilitator', participantId: alice, on: true }, owner),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/at most 50/) })
    // Handing it again to someone who has it is not an addition.
    await service.act('board', { type: 'facilitator', participantId: ids[0]!, on: true }, owner)

    for (let i = 0; i < WorkshopLimits.locks; i++) {
      const scope = { kind: 'frame' as const, shapeId: `shape:f${i}` }
      await service.act('board', { type: 'lock', scope, locked: true }, owner)
    }
    await expect(
      service.act('board', { type: 'lock', scope: canvasLock, locked: true }, owner),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/unlock one/) })

    for (let i = 0; i < WorkshopLimits.privateScopes; i++) {
      const scope = { kind: 'frame' as const, shapeId: `shape:p${i}` }
      await service.act('board', { type: 'private', scope, on: true }, owner)
    }
    await expect(
      service.act('board', { type: 'private', scope: canvasLock, on: true }, owner),
    ).rejects.toMatchObject({ code: 'conflict' })

    const stored = WorkshopStateSchema.parse(JSON.parse(storedJson(db)!))
    expect(stored.facilitatorIds).toHaveLength(WorkshopLimits.facilitators)
    expect(stored.locks).toHaveLength(WorkshopLimits.locks)
    expect(stored.privateScopes).toHaveLength(WorkshopLimits.privateScopes)
  })
})

describe('a stored state that fails its schema', () => {
  it('is repaired part by part, reported in one line, and stored repaired', async () => {
    const db = new Database(':memory:')
    setup(db) // creates the tables
    const timer = { status: 'running', durationMs: 600_000, endsAt: 9_000, remainingMs: 600_000 }
    const summon = { leaderId: owner.participantId, at: 5 }
    const privateScope = { scope: frameLock, since: 3 }
    db.prepare('INSERT INTO workshops (board_id, state_json, updated_at) VALUES (?, ?, 0)').run(
      'board',
      JSON.stringify({
        facilitatorIds: [alice, 'not-an-id', alice],
        timer,
        voting: { id: 'x', status: 'sideways' },
        privateScopes: [privateScope],
        locks: [canvasLock, { kind: 'planet', name: 'Mars' }, frameLock],
        follow: 'everyone',
        summon,
      }),
    )
    const { service, logged } = setup(db)
    const state = await service.get('board')
    expect(state).toEqual({
      facilitatorIds: [alice],
      timer,
      voting: null,
      privateScopes: [privateScope],
      locks: [canvasLock, frameLock],
      follow: null,
      summon,
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]!.event).toBe('workshop.state_invalid')
    expect(logged[0]!.fields!.boardId).toBe('board')
    const issues = (logged[0]!.fields!.issues as string[]).join('\n')
    for (const path of ['facilitatorIds.1', 'voting', 'locks.1', 'follow']) {
      expect(issues).toContain(`${path}`)
    }
    expect(issues).not.toMatch(/^timer|^summon|^privateScopes/m)
    // Stored repaired: the next load finds nothing to report.
    expect(WorkshopStateSchema.safeParse(JSON.parse(storedJson(db)!)).success).toBe(true)
    const again = setup(db)
    expect(await again.service.get('board')).toEqual(state)
    expect(again.logged).toEqual([])
  })

  it('that is not even JSON starts over, and says so', async () => {
    const db = new Database(':memory:')
    setup(db)
    db.prepare('INSERT INTO workshops (board_id, state_json, updated_at) VALUES (?, ?, 0)').run(
      'board',
      '{"facilitatorIds": [',
    )
    const { service, logged } = setup(db)
    expect((await service.get('board')).facilitatorIds).toEqual([])
    expect(logged.map((l) => l.event)).toEqual(['workshop.state_invalid'])
    expect(String(logged[0]!.fields!.issues)).toMatch(/not JSON/)
  })

  it('moves the ended votes an older version kept inside the state to their own place', async () => {
    const db = new Database(':memory:')
    setup(db)
    const ended = (i: number) => ({
      id: `past${String(i).padStart(6, '0')}`,
      scope: { kind: 'board' },
      votesPerPerson: 1,
      onePerItem: false,
      status: 'closed',
      startedAt: i * 10,
      endedAt: i * 10 + 5,
      results: [{ itemId: 'item-a', label: 'A', votes: i }],
      voters: i,
    })
    // More than the 200 the older schema allowed: the state it wrote no longer passed it.
    const pastVotes = Array.from({ length: 250 }, (_, i) => ended(i))
    db.prepare('INSERT INTO workshops (board_id, state_json, updated_at) VALUES (?, ?, 0)').run(
      'board',
      JSON.stringify({
        facilitatorIds: [alice],
        timer: { status: 'idle', durationMs: 300_000, endsAt: null, remainingMs: 300_000 },
        voting: ended(250),
        pastVotes,
        privateScopes: [],
        locks: [canvasLock],
        follow: null,
        summon: null,
      }),
    )
    const { service, logged } = setup(db)
    const state = await service.get('board')
    expect(state).toMatchObject({ facilitatorIds: [alice], locks: [canvasLock] })
    expect(logged).toEqual([])
    expect(JSON.parse(storedJson(db)!)).not.toHaveProperty('pastVotes')
    expect((await service.pastVotes('board')).map((v) => v.voters)).toEqual(
      Array.from({ length: 251 }, (_, i) => i),
    )
    // A new vote replaces the latest one in the state; the summary keeps it.
    await service.act('board', startVote, owner)
    await service.act('board', { type: 'endVoting' }, owner)
    const restarted = setup(db).service
    expect(await restarted.pastVotes('board')).toHaveLength(252)
  })
})

describe('a store that refuses writes', () => {
  it('leaves the state as it was: nothing cached, nothing published, no result kept', async () => {
    const failing = { on: false }
    const db = new Database(':memory:')
    const { service, published } = setup(db, failingStore(failing))
    await service.act('board', { type: 'facilitator', participantId: alice, on: true }, owner)
    await service.act('board', startVote, owner)
    await service.vote('board', 'p1', 'vote-0001', 'item-a')
    const before = await service.get('board')
    const storedBefore = storedJson(db)
    const publishedBefore = published.length

    failing.on = true
    for (const action of [
      { type: 'endVoting' as const },
      { type: 'lock' as const, scope: canvasLock, locked: true },
      { type: 'timer' as const, timer: { action: 'start' as const } },
      { type: 'facilitator' as const, participantId: alice, on: false },
    ]) {
      await expect(service.act('board', action, owner)).rejects.toBeInstanceOf(
        StorageUnavailableError,
      )
    }
    await expect(service.vote('board', 'p2', 'vote-0002', 'item-b')).rejects.toBeInstanceOf(
      StorageUnavailableError,
    )
    expect(await service.get('board')).toBe(before)
    expect(published).toHaveLength(publishedBefore)
    expect(storedJson(db)).toBe(storedBefore)
    expect(await service.pastVotes('board')).toEqual([])
    expect((await service.myVotes('board', 'p2')).mine).toEqual([])

    // Once the store takes writes again, the same action goes through.
    failing.on = false
    const ended = await service.act('board', { type: 'endVoting' }, owner)
    expect(ended.voting).toMatchObject({ status: 'closed', voters: 1 })
    expect(published.at(-1)).toBe(ended)
    expect(await service.pastVotes('board')).toEqual([ended.voting])
  })

  it('while a stored state is repaired still answers with it, and stores it with the next change', async () => {
    const failing = { on: true }
    const db = new Database(':memory:')
    setup(db)
    const legacyVote = {
      id: 'past000001',
      scope: { kind: 'board' },
      votesPerPerson: 1,
      onePerItem: false,
      status: 'closed',
      startedAt: 1,
      endedAt: 2,
      results: [],
      voters: 0,
    }
    db.prepare('INSERT INTO workshops (board_id, state_json, updated_at) VALUES (?, ?, 0)').run(
      'board',
      JSON.stringify({
        facilitatorIds: [alice],
        timer: { status: 'idle', durationMs: -5, endsAt: null, remainingMs: 0 },
        voting: null,
        pastVotes: [legacyVote],
        privateScopes: [],
        locks: [canvasLock],
        follow: null,
        summon: null,
      }),
    )
    const { service, logged } = setup(db, failingStore(failing))
    const state = await service.get('board')
    expect(state).toMatchObject({ facilitatorIds: [alice], locks: [canvasLock] })
    expect(state.timer.status).toBe('idle')
    expect(logged.map((l) => l.event)).toEqual([
      'workshop.state_invalid',
      'workshop.repair_not_stored',
    ])
    expect((await service.pastVotes('board')).map((v) => v.id)).toEqual(['past000001'])

    failing.on = false
    await service.act('board', { type: 'summon' }, owner)
    const stored = JSON.parse(storedJson(db)!)
    expect(stored).not.toHaveProperty('pastVotes')
    expect(stored.timer.durationMs).toBeGreaterThan(0)
    const restarted = setup(db)
    expect((await restarted.service.pastVotes('board')).map((v) => v.id)).toEqual(['past000001'])
    expect(restarted.logged).toEqual([])
  })
})
