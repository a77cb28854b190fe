import { afterAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { Logger } from '../../server/logger.js'
import { connectClient, createBoard } from '../helpers/clients.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const note = (doc: Y.Doc, key: string, value: string) => doc.getMap('notes').set(key, value)
const notes = (doc: Y.Doc) => doc.getMap('notes').toJSON()

const cleanups: (() => unknown)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code

describe('when PostgreSQL restarts under a running server', () => {
  it('reports unhealthy, refuses writes with storage_unavailable, and recovers on its own', async () => {
    const postgres: TestPostgres = await startTestPostgres()
    cleanups.push(() => postgres.destroy())
    const events: string[] = []
    const log: Logger = {
      info: () => undefined,
      warn: (event) => events.push(event),
      error: (event) => events.push(event),
    }
    const server: TestServer = await startTestServer({
      databaseUrl: await postgres.createDatabase(),
      log,
    })
    cleanups.push(() => server.cleanup())
    const boardId = await createBoard(server.url)
    const alice = connectClient(server.wsUrl, boardId)
    const bob = connectClient(server.wsUrl, boardId)
    cleanups.push(
      () => alice.destroy(),
      () => bob.destroy(),
    )
    await Promise.all([alice.synced, bob.synced])
    note(alice.doc, 'before', 'stored')
    await vi.waitFor(() => expect(notes(bob.doc)).toEqual({ before: 'stored' }))

    await postgres.stop()

    // Nobody writes yet: the health check finds out by itself.
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(503)
    expect(await errorCode(health)).toBe('storage_unavailable')
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Refused' }),
    })
    expect(created.status).toBe(503)
    expect(await errorCode(created)).toBe('storage_unavailable')
    // An edit is refused and its sender told to come back later; nobody else sees it.
    const refused = new Promise<number>((resolve) =>
      alice.provider.once('connection-close', (event: CloseEvent | null) =>
        resolve(event?.code ?? 0),
      ),
    )
    note(alice.doc, 'during', 'kept on the device')
    expect(await refused).toBe(CloseCodes.StorageUnavailable.code)
    expect(notes(bob.doc)).toEqual({ before: 'stored' })

    await postgres.start()

    await vi.waitFor(
      async () => expect((await fetch(`${server.url}/api/health`)).status).toBe(200),
      { timeout: 20_000, interval: 100 },
    )
    // The edit made during the outage is stored once alice reconnects, and reaches bob.
    await vi.waitFor(
      () => expect(notes(bob.doc)).toEqual({ before: 'stored', during: 'kept on the device' }),
      { timeout: 20_000 },
    )
    const board = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'After the restart' }),
    })
    expect(board.status).toBe(201)
    expect(events.filter((e) => e === 'store.write_failed')).toHaveLength(1)
    expect(events).toContain('store.write_recovered')
    // The server never took the lost connections for a bug.
    expect(events).not.toContain('board.unreadable')
  })
})
