import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { participantIdOf } from '../../shared/workshop/participant.js'
import { WorkshopStateSchema, type WorkshopAction } from '../../shared/workshop/workshopState.js'
import { DatabaseFileName } from '../../server/persistence/sqlite/SqlitePersistence.js'
import { StorageUnavailableError } from '../../server/persistence/storageErrors.js'
import type { Persistence } from '../../server/persistence/types.js'
import {
  createFaultyPersistence,
  InjectedStorageError,
  type FaultyPersistence,
} from '../helpers/faultyPersistence.js'
import type { Logger } from '../../server/logger.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  for (const s of servers.splice(0)) await s.cleanup()
})

const secret = (who: string) => `${who}-`.padEnd(40, 'x')
const alice = 'a1'.repeat(16)
const canvasLock = (canvasId: string) => ({ kind: 'canvas', canvasId })
const frameLock = { kind: 'frame', shapeId: 'shape:frame-1' }

async function start(
  options: {
    dataDir?: string
    wrapPersistence?: (store: Persistence) => Persistence
    log?: Logger
  } = {},
) {
  // What is kept is under test, not how durably: commits need not wait for the disk each time.
  const env = { OPEN_INSTANCE: 'false', DURABILITY: 'relaxed' }
  const s = await startTestServer({ ...options, env })
  servers.push(s)
  return s
}

/** A board created on `s`, and a way to call its routes with the owner's key. */
async function ownerOf(s: TestServer, board?: { id: string; ownerKey: string }) {
  if (!board) {
    const res = await fetch(`${s.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Long workshop' }),
    })
    board = (await res.json()) as { id: string; ownerKey: string }
  }
  const { id, ownerKey } = board
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${s.url}/api/boards/${id}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${ownerKey}`,
        'x-participant': secret('owner'),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
  }
  return { board: { id, ownerKey }, call }
}

const startVote = {
  type: 'startVoting',
  voting: { scope: { kind: 'board' }, votesPerPerson: 1, onePerItem: false },
}

describe('the stored workshop state', () => {
  it('keeps facilitators, locks and every result through 1,000 ended votes, an unload and a restart', async () => {
    const s = await start()
    const { board, call } = await ownerOf(s)
    const canvas = await call('/canvases', {
      kind: 'lean',
      title: 'Churn',
      boxes: { problem: ['Users forget', 'Too pricey'] },
    })
    expect(canvas.status).toBe(201)
    const [forget] = canvas.json.boxes.problem as { id: string }[]
    const lock = canvasLock(canvas.json.id)
    await call('/workshop', { type: 'facilitator', participantId: alice, on: true })
    await call('/workshop', { type: 'lock', scope: lock, locked: true })
    await call('/workshop', { type: 'lock', scope: frameLock, locked: true })

    // Ten votes through the API, each with one dot on "Users forget"...
    for (let i = 0; i < 10; i++) {
      expect((await call('/workshop', startVote)).status).toBe(200)
      const cast = await call('/votes', { voteId: `vote-${i}-xxxx`, itemId: forget!.id })
      expect(cast.status).toBe(200)
      expect((await call('/workshop', { type: 'endVoting' })).status).toBe(200)
    }
    // ...and 990 more straight through the server's workshop service (the same path without
    // HTTP, which would make this test take a minute).
    const owner = { participantId: participantIdOf(secret('owner')), isOwner: true }
    const { workshop } = s.server.context
    for (let i = 0; i < 990; i++) {
      await workshop.act(board.id, startVote as WorkshopAction, owner)
      await workshop.act(board.id, { type: 'endVoting' }, owner)
      if (i % 100 === 0) {
        const now = (await call('/workshop')).json.state
        expect(now.facilitatorIds).toEqual([alice])
        expect(now.locks).toEqual([lock, frameLock])
      }
    }

    const check = async (get: typeof call) => {
      const res = await get('/workshop')
      expect(res.status).toBe(200)
      expect(res.json.state.facilitatorIds).toEqual([alice])
      expect(res.json.state.locks).toEqual([lock, frameLock])
      expect(res.json.state.voting).toMatchObject({ status: 'closed', voters: 0 })
      const summary = await get('/workshop/summary.md')
      expect(summary.status).toBe(200)
      expect(summary.text.match(/^### Vote on /gm)).toHaveLength(1000)
      expect(summary.text.match(/\| 1 \| Users forget \| Churn · Problem \| 1 \|/g)).toHaveLength(
        10,
      )
    }
    // The room unloads (its cached state is dropped), and the state is read from the store.
    await s.server.context.rooms.getRoom(board.id)
    await s.server.context.rooms.closeBoard(board.id, CloseCodes.ServerShuttingDown)
    await check(call)

    await s.stop()
    const again = await start({ dataDir: s.dataDir })
    await check((await ownerOf(again, board)).call)
  }, 120_000)

  it('that fails its schema is repaired part by part and reported once, naming the board', async () => {
    const s = await start()
    const { board, call } = await ownerOf(s)
    await call('/workshop', { type: 'facilitator', participantId: alice, on: true })
    await call('/workshop', { type: 'lock', scope: frameLock, locked: true })
    await call('/workshop', { type: 'private', scope: frameLock, on: true })
    await call('/workshop', { type: 'timer', timer: { action: 'set', durationMs: 600_000 } })
    const before = (await call('/workshop')).json.state
    await s.stop()

    const db = new Database(join(s.dataDir, DatabaseFileName))
    const stored = JSON.parse(
      (
        db.prepare('SELECT state_json FROM workshops WHERE board_id = ?').get(board.id) as {
          state_json: string
        }
      ).state_json,
    )
    const broken = {
      ...stored,
      locks: [...stored.locks, { kind: 'frame', shapeId: 'not a shape id' }],
      voting: { status: 'who knows' },
      follow: { leaderId: 42 },
    }
    db.prepare('UPDATE workshops SET state_json = ? WHERE board_id = ?').run(
      JSON.stringify(broken),
      board.id,
    )
    db.close()

    // The server's log, as an operator reads it: one JSON line per record.
    const lines: string[] = []
    const record = (level: string) => (event: string, fields?: Record<string, unknown>) =>
      lines.push(JSON.stringify({ level, event, ...fields }))
    const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') }
    const again = await start({ dataDir: s.dataDir, log })
    const { call: callAgain } = await ownerOf(again, board)
    const state = (await callAgain('/workshop')).json.state
    expect(state).toEqual({ ...before, voting: null, follow: null })
    expect(state.facilitatorIds).toEqual([alice])
    expect(state.locks).toEqual([frameLock])
    expect(state.privateScopes).toHaveLength(1)
    expect(state.timer.durationMs).toBe(600_000)

    const reports = lines.filter((l) => l.includes('workshop.state_invalid'))
    expect(reports).toHaveLength(1)
    const report = JSON.parse(reports[0]!)
    expect(report.boardId).toBe(board.id)
    const issues = (report.issues as string[]).join('\n')
    expect(issues).toMatch(/^locks\.1/m)
    expect(issues).toMatch(/^voting/m)
    expect(issues).toMatch(/^follow/m)

    // Stored repaired: a facilitator action works from it and nothing is reported again.
    expect((await callAgain('/workshop', { type: 'summon' })).status).toBe(200)
    await again.stop()
    const db2 = new Database(join(s.dataDir, DatabaseFileName), { readonly: true })
    const repaired = db2
      .prepare('SELECT state_json FROM workshops WHERE board_id = ?')
      .get(board.id) as { state_json: string }
    db2.close()
    expect(WorkshopStateSchema.safeParse(JSON.parse(repaired.state_json)).success).toBe(true)
  })

  it('stays as it was when the store refuses a facilitator action', async () => {
    let fault: FaultyPersistence | undefined
    const s = await start({
      wrapPersistence: (store) => {
        fault = createFaultyPersistence(store)
        const inner = fault.persistence
        const saveWithVotes = inner.saveWorkshopWithPastVotes.bind(inner)
        inner.saveWorkshopWithPastVotes = (...args) => {
          // Refused the way the guarded store refuses every write.
          if (fault!.failWrites) throw new StorageUnavailableError(new InjectedStorageError())
          return saveWithVotes(...args)
        }
        return inner
      },
    })
    const { call } = await ownerOf(s)
    await call('/workshop', { type: 'facilitator', participantId: alice, on: true })
    expect((await call('/workshop', startVote)).status).toBe(200)
    const before = (await call('/workshop')).json.state

    fault!.failWrites = true
    for (const action of [
      { type: 'endVoting' },
      { type: 'lock', scope: frameLock, locked: true },
      { type: 'timer', timer: { action: 'start' } },
      { type: 'facilitator', participantId: alice, on: false },
    ]) {
      const refused = await call('/workshop', action)
      expect(refused.status).toBe(503)
      expect(refused.json.error.code).toBe('storage_unavailable')
    }
    expect((await call('/workshop')).json.state).toEqual(before)
    expect((await call('/workshop/summary.md')).text).toContain('_No votes were taken._')

    fault!.failWrites = false
    const ended = await call('/workshop', { type: 'endVoting' })
    expect(ended.status).toBe(200)
    expect(ended.json.state.voting.status).toBe('closed')
    expect((await call('/workshop/summary.md')).text).toContain('### Vote on the whole board')
  })
})
