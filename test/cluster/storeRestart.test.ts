import { afterEach, describe, expect, it, vi } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { connectClient, createBoard, type TestClient } from '../helpers/clients.js'
import { startTestCluster, type TestCluster } from '../helpers/cluster.js'

// The test starts PostgreSQL, Redis and two server processes; on a busy machine that takes a while.
const ClusterTestTimeout = 120_000
const Eventually = { timeout: 30_000, interval: 100 }

const clients: TestClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

const connect = (wsUrl: string, boardId: string) => {
  const client = connectClient(wsUrl, boardId)
  clients.push(client)
  return client
}

const status = async (cluster: TestCluster, i: number, path: string) =>
  (await fetch(`${cluster.url(i)}${path}`)).status

describe('two instances when PostgreSQL stops and starts again', () => {
  it(
    'report unhealthy and refuse edits meanwhile, then recover on their own and lose nothing',
    async () => {
      // Its own PostgreSQL server: this test stops it.
      const cluster = await startTestCluster({ instances: 2 })
      const boardId = await createBoard(cluster.url(0))
      const a = connect(cluster.wsUrl(0), boardId)
      const b = connect(cluster.wsUrl(1), boardId)
      const closesOfA: number[] = []
      a.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closesOfA.push(event.code)
      })
      await Promise.all([a.synced, b.synced])
      a.records.set('shape:before', { id: 'shape:before' })
      await vi.waitFor(() => expect(b.records.has('shape:before')).toBe(true), Eventually)

      await cluster.postgres.stop()

      await vi.waitFor(async () => {
        for (const i of [0, 1]) {
          expect(await status(cluster, i, '/api/health')).toBe(503)
          expect(await status(cluster, i, '/api/ready')).toBe(503)
        }
      }, Eventually)
      // A REST write is refused with the storage error and changes nothing.
      const refused = await fetch(`${cluster.url(1)}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'While the database is down' }),
      })
      expect(refused.status).toBe(503)
      expect((await refused.json()).error.code).toBe('storage_unavailable')
      // A sync edit is refused and its sender told; the device keeps it.
      a.records.set('shape:during', { id: 'shape:during' })
      await vi.waitFor(
        () => expect(closesOfA).toContain(CloseCodes.StorageUnavailable.code),
        Eventually,
      )

      await cluster.postgres.start()

      await vi.waitFor(async () => {
        for (const i of [0, 1]) {
          expect(await status(cluster, i, '/api/health')).toBe(200)
          expect(await status(cluster, i, '/api/ready')).toBe(200)
        }
      }, Eventually)
      // The refused edit is stored once its sender reconnects, and reaches the other instance.
      await vi.waitFor(() => expect(b.records.has('shape:during')).toBe(true), Eventually)
      b.records.set('shape:after', { id: 'shape:after' })
      await vi.waitFor(() => expect(a.records.has('shape:after')).toBe(true), Eventually)

      // What the instances hold is what PostgreSQL holds: a new client after both restart
      // sees every edit.
      await cluster.restart(0)
      await cluster.restart(1)
      const fresh = connect(cluster.wsUrl(1), boardId)
      await fresh.synced
      expect([...fresh.records.keys()].sort()).toEqual([
        'shape:after',
        'shape:before',
        'shape:during',
      ])
    },
    ClusterTestTimeout,
  )
})
