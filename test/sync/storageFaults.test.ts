import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { Logger } from '../../server/logger.js'
import { DatabaseFileName } from '../../server/persistence/sqlite/SqlitePersistence.js'
import {
  connectClient,
  createBoard,
  createOwnedBoard,
  type TestClient,
} from '../helpers/clients.js'
import { createFaultyPersistence, type FaultyPersistence } from '../helpers/faultyPersistence.js'
import {
  makeDataDir,
  startServerProcess,
  startTestServer,
  type ServerProcess,
} from '../helpers/server.js'

/** A logger that keeps every record, to count what an operator would read. */
function recordingLog() {
  const records: { level: string; event: string; fields?: Record<string, unknown> }[] = []
  const log: Logger = {
    info: (event, fields) => records.push({ level: 'info', event, fields }),
    warn: (event, fields) => records.push({ level: 'warn', event, fields }),
    error: (event, fields) => records.push({ level: 'error', event, fields }),
  }
  return { log, records, count: (event: string) => records.filter((r) => r.event === event).length }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function client(server: { wsUrl: string }, boardId: string): TestClient {
  const c = connectClient(server.wsUrl, boardId)
  cleanups.push(() => c.destroy())
  return c
}

const note = (c: TestClient, key: string, value: string) => c.doc.getMap('notes').set(key, value)
const notes = (doc: Y.Doc) => doc.getMap('notes').toJSON()

async function startFaultyServer(dataDir = makeDataDir()) {
  let fault!: FaultyPersistence
  const logs = recordingLog()
  const server = await startTestServer({
    dataDir,
    log: logs.log,
    wrapPersistence: (store) => (fault = createFaultyPersistence(store)).persistence,
  })
  return { server, fault, logs }
}

describe('when the store refuses writes', () => {
  it('tells the sender, relays nothing, keeps serving, and stores every edit once it recovers', async () => {
    const { server, fault, logs } = await startFaultyServer()
    cleanups.push(() => server.cleanup())
    const { id: boardId, ownerKey } = await createOwnedBoard(server.url)
    const alice = client(server, boardId)
    const bob = client(server, boardId)
    await Promise.all([alice.synced, bob.synced])
    note(alice, 'before', 'stored')
    await vi.waitFor(() => expect(notes(bob.doc)).toEqual({ before: 'stored' }))

    fault.failWrites = true
    const refused = new Promise<number>((resolve) =>
      alice.provider.once('connection-close', (event: CloseEvent | null) =>
        resolve(event?.code ?? 0),
      ),
    )
    for (let i = 0; i < 20; i++) note(alice, `during-${i}`, 'kept on the device')
    expect(await refused).toBe(CloseCodes.StorageUnavailable.code)

    // Health and REST writes say so, and change nothing.
    for (const check of ['/api/health', '/api/ready']) {
      const answer = await fetch(`${server.url}${check}`)
      expect(answer.status).toBe(503)
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(
        'storage_unavailable',
      )
    }
    const created = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'lean', title: 'Refused' }),
    })
    expect(created.status).toBe(503)
    expect(((await created.json()) as { error: { code: string } }).error.code).toBe(
      'storage_unavailable',
    )
    const listed = (await (await fetch(`${server.url}/api/boards/${boardId}/canvases`)).json()) as {
      canvases: unknown[]
    }
    expect(listed.canvases).toEqual([])

    const boardsBefore = await (await fetch(`${server.url}/api/boards`)).json()
    const newBoard = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Refused board' }),
    })
    expect(newBoard.status).toBe(503)
    expect(await (await fetch(`${server.url}/api/boards`)).json()).toEqual(boardsBefore)
    const token = await fetch(`${server.url}/api/boards/${boardId}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerKey}` },
      body: JSON.stringify({ name: 'pipeline' }),
    })
    expect(token.status).toBe(503)

    // Nobody else saw the refused edits, and the room still serves Bob.
    expect(notes(bob.doc)).toEqual({ before: 'stored' })
    expect(bob.provider.wsconnected).toBe(true)
    // One log line for the whole episode, however many updates were refused.
    expect(fault.refused).toBeGreaterThan(1)
    expect(logs.count('store.write_failed')).toBe(1)

    fault.failWrites = false
    const expected: Record<string, string> = { before: 'stored' }
    for (let i = 0; i < 20; i++) expected[`during-${i}`] = 'kept on the device'
    note(alice, 'after', 'stored too')
    expected.after = 'stored too'
    await vi.waitFor(() => expect(notes(bob.doc)).toEqual(expected), { timeout: 15_000 })
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200)
    expect(logs.count('store.write_recovered')).toBe(1)

    // A restart serves every edit from the store.
    alice.destroy()
    bob.destroy()
    await server.stop()
    const again = await startTestServer({ dataDir: server.dataDir })
    cleanups.push(() => again.cleanup())
    const fresh = client(again, boardId)
    await fresh.synced
    expect(notes(fresh.doc)).toEqual(expected)
  })

  it('refuses a REST edit made as the failure begins and drops the unstored change', async () => {
    const { server, fault } = await startFaultyServer()
    cleanups.push(() => server.cleanup())
    const boardId = await createBoard(server.url)
    const watcher = client(server, boardId)
    await watcher.synced
    fault.failWrites = true
    const res = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'lean', title: 'Never stored' }),
    })
    expect(res.status).toBe(503)
    fault.failWrites = false
    const listed = (await (await fetch(`${server.url}/api/boards/${boardId}/canvases`)).json()) as {
      canvases: unknown[]
    }
    expect(listed.canvases).toEqual([])
    // The watcher reconnects to a room loaded from the store and never saw the change.
    await vi.waitFor(() => expect(watcher.provider.synced).toBe(true), { timeout: 10_000 })
    expect(watcher.doc.getMap('canvases').size).toBe(0)
  })
})

describe('a board whose stored data cannot be read', () => {
  let proc: ServerProcess | undefined
  afterEach(async () => {
    proc?.child.kill('SIGKILL')
    await proc?.exited
    proc = undefined
  })

  it('answers board_unreadable, closes its sockets with 4422 and leaves every other board working', async () => {
    const dataDir = makeDataDir()
    proc = await startServerProcess(dataDir, { LOG_LEVEL: 'warn' })
    const healthy = await createBoard(proc.url, 'Healthy')
    const damaged = await createBoard(proc.url, 'Damaged')
    // Damage the stored log of one board: a row that is not a Yjs update.
    const db = new Database(join(dataDir, DatabaseFileName))
    db.prepare('INSERT INTO doc_updates (board_id, data) VALUES (?, ?)').run(
      damaged,
      Buffer.from([0xff, 0x13, 0x07, 0x99, 0x00, 0x42]),
    )
    db.close()

    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${proc.url}/api/boards/${damaged}/canvases`)
      expect(res.status).toBe(500)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'board_unreadable',
      )
    }
    const socket = client(proc, damaged)
    expect((await socket.closed).code).toBe(CloseCodes.BoardUnreadable.code)

    const other = client(proc, healthy)
    await other.synced
    other.doc.getMap('notes').set('still', 'works')
    const res = await fetch(`${proc.url}/api/boards/${healthy}/canvases`)
    expect(res.status).toBe(200)
    expect(proc.child.exitCode).toBeNull()
    expect(proc.stderr()).toContain('board.unreadable')
    expect(proc.stderr()).toContain(damaged)
    expect(proc.stderr()).not.toContain('unhandled_rejection')
  })
})

/** A small tmpfs to fill up, when this machine lets the tests mount one. */
function mountSmallDisk(megabytes: number): string | null {
  const dir = makeDataDir()
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir])
  return mounted.status === 0 ? dir : null
}

const smallDisk = mountSmallDisk(8)
afterAll(() => {
  if (smallDisk) spawnSync('umount', ['-l', smallDisk])
})

describe('when the disk is full', () => {
  let proc: ServerProcess | undefined
  afterEach(async () => {
    proc?.child.kill('SIGKILL')
    await proc?.exited
    proc = undefined
  })

  it.skipIf(smallDisk === null)(
    'refuses the edit that does not fit, keeps the room serving, and stores everything once space is freed',
    async () => {
      const dataDir = join(smallDisk!, 'data')
      proc = await startServerProcess(dataDir, { LOG_LEVEL: 'warn' })
      const boardId = await createBoard(proc.url)
      const alice = client(proc, boardId)
      const bob = client(proc, boardId)
      await Promise.all([alice.synced, bob.synced])
      note(alice, 'first', 'fits')
      await vi.waitFor(() => expect(notes(bob.doc)).toEqual({ first: 'fits' }))

      // Leave a few kilobytes free, then write more than that.
      const filler = join(smallDisk!, 'filler')
      const free = statfsSync(smallDisk!).bavail * statfsSync(smallDisk!).bsize
      writeFileSync(filler, Buffer.alloc(Math.max(0, free - 16 * 1024)))
      const refused = new Promise<number>((resolve) =>
        alice.provider.on('connection-close', (event: CloseEvent | null) => {
          if (event?.code === CloseCodes.StorageUnavailable.code) resolve(event.code)
        }),
      )
      const expected: Record<string, string> = { first: 'fits' }
      for (let i = 0; i < 8; i++) {
        const value = `${i}:${'x'.repeat(16 * 1024)}`
        note(alice, `big-${i}`, value)
        expected[`big-${i}`] = value
      }
      expect(await refused).toBe(CloseCodes.StorageUnavailable.code)
      const health = await fetch(`${proc.url}/api/health`)
      expect(health.status).toBe(503)
      expect(Object.keys(notes(bob.doc)).length).toBeLessThan(Object.keys(expected).length)

      rmSync(filler)
      note(alice, 'after', 'space freed')
      expected.after = 'space freed'
      await vi.waitFor(() => expect(notes(bob.doc)).toEqual(expected), { timeout: 20_000 })
      expect((await fetch(`${proc.url}/api/health`)).status).toBe(200)
      expect(proc.stderr().match(/store\.write_failed/g)?.length).toBe(1)

      proc.child.kill('SIGKILL')
      await proc.exited
      proc = await startServerProcess(dataDir, { LOG_LEVEL: 'warn' })
      const fresh = client(proc, boardId)
      await fresh.synced
      expect(notes(fresh.doc)).toEqual(expected)
    },
  )
})
