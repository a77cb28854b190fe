import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { getBoardCanvases, getCanvasTitleText } from '../../shared/doc/canvasMap.js'
import { AwarenessStateSchema } from '../../shared/protocol/awareness.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import { apiClient, createHypothesis } from '../helpers/api.js'
import {
  connectClient,
  createBoard,
  createOwnedBoard,
  type TestClient,
} from '../helpers/clients.js'
import { startTestCluster, type TestCluster } from '../helpers/cluster.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'

// Each test starts two server processes; on a busy machine that takes a while.
const ClusterTestTimeout = 120_000
/** Waits for cross-instance effects that pass through Redis, or a restart. */
const Eventually = { timeout: 20_000, interval: 50 }

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await startTestPostgres()
})
afterAll(async () => {
  await postgres.destroy()
})

const clients: TestClient[] = []
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

const connect = (wsUrl: string, boardId: string, params?: Record<string, string>) => {
  const client = connectClient(wsUrl, boardId, params ? { params } : {})
  clients.push(client)
  return client
}

const twoInstances = () => startTestCluster({ instances: 2, postgres })

const setRecords = (client: TestClient, from: number, count: number, prefix: string) => {
  client.doc.transact(() => {
    for (let i = from; i < from + count; i++) {
      client.records.set(`shape:${prefix}${i}`, { id: `shape:${prefix}${i}`, i })
    }
  })
}

const keysOf = (client: TestClient) => [...client.records.keys()].sort()

/** Every close code the server sends this client, in order. */
const closeCodes = (client: TestClient) => {
  const codes: number[] = []
  client.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) codes.push(event.code)
  })
  return codes
}

const ready = async (cluster: TestCluster, i: number) => {
  const res = await fetch(`${cluster.url(i)}/api/ready`)
  return { status: res.status, body: (await res.json().catch(() => undefined)) as unknown }
}

describe('several server instances on one PostgreSQL database and one Redis', () => {
  describe('when a board is created through one instance', () => {
    it(
      'is read, and changed, through the other',
      async () => {
        const cluster = await twoInstances()
        const board = await createOwnedBoard(cluster.url(0), 'Across instances')
        const onA = apiClient(cluster.url(0))
        const onB = apiClient(cluster.url(1))
        // A client keeps the board's room loaded on A, so A answers from its room.
        const onAClient = connect(cluster.wsUrl(0), board.id)
        await onAClient.synced
        const canvasId = await createHypothesis(onA, board.id, { title: 'Made on A' })

        const read = await onB(`/api/boards/${board.id}`)
        expect(read.status).toBe(200)
        expect(read.json).toMatchObject({ id: board.id, title: 'Across instances' })
        const canvas = await onB(`/api/boards/${board.id}/canvases/${canvasId}`)
        expect(canvas.status).toBe(200)
        expect(canvas.json).toMatchObject({ id: canvasId, title: 'Made on A' })
        const listed = await onB('/api/boards')
        expect(listed.json.boards.map((b: { id: string }) => b.id)).toContain(board.id)

        // A change through B reaches A's room: its client sees it, and A answers with it.
        const patched = await onB(`/api/boards/${board.id}/canvases/${canvasId}`, {
          method: 'PATCH',
          body: { title: 'Renamed on B' },
        })
        expect(patched.status).toBe(200)
        const titleOnAClient = () => {
          const canvas = getBoardCanvases(onAClient.doc).get(canvasId)
          return canvas && getCanvasTitleText(canvas).toString()
        }
        await vi.waitFor(async () => {
          const again = await onA(`/api/boards/${board.id}/canvases/${canvasId}`)
          expect(again.json).toMatchObject({ title: 'Renamed on B' })
          expect(titleOnAClient()).toBe('Renamed on B')
        }, Eventually)
      },
      ClusterTestTimeout,
    )
  })

  describe('when two clients of one board are on different instances', () => {
    it(
      'shows each edit on the other, both ways, and both converge',
      async () => {
        const cluster = await twoInstances()
        const boardId = await createBoard(cluster.url(0))
        const a = connect(cluster.wsUrl(0), boardId)
        const b = connect(cluster.wsUrl(1), boardId)
        await Promise.all([a.synced, b.synced])

        a.records.set('shape:from-a', { id: 'shape:from-a', x: 1 })
        await vi.waitFor(
          () => expect(b.records.get('shape:from-a')).toEqual({ id: 'shape:from-a', x: 1 }),
          Eventually,
        )
        b.records.set('shape:from-b', { id: 'shape:from-b', x: 2 })
        await vi.waitFor(
          () => expect(a.records.get('shape:from-b')).toEqual({ id: 'shape:from-b', x: 2 }),
          Eventually,
        )

        // Concurrent edits, including to the same record, from both sides.
        for (let round = 0; round < 20; round++) {
          setRecords(a, round * 5, 5, 'a')
          setRecords(b, round * 5, 5, 'b')
          a.records.set('shape:contested', { id: 'shape:contested', by: 'a', round })
          b.records.set('shape:contested', { id: 'shape:contested', by: 'b', round })
        }
        await vi.waitFor(() => {
          expect(keysOf(a).filter((key) => /^shape:a\d+$/.test(key))).toHaveLength(100)
          expect(keysOf(a).filter((key) => /^shape:b\d+$/.test(key))).toHaveLength(100)
          expect(keysOf(b)).toEqual(keysOf(a))
          expect(b.records.toJSON()).toEqual(a.records.toJSON())
          expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc))
        }, Eventually)
      },
      ClusterTestTimeout,
    )

    it(
      'shows the presence of a client on one instance to a client on the other, and removes it when it leaves',
      async () => {
        const cluster = await twoInstances()
        const boardId = await createBoard(cluster.url(0))
        const secret = 'ada-secret-'.padEnd(40, 'x')
        const a = connect(cluster.wsUrl(0), boardId, { [ParticipantParam]: secret })
        const b = connect(cluster.wsUrl(1), boardId)
        await Promise.all([a.synced, b.synced])
        const adaOnB = () =>
          [...b.provider.awareness.getStates().values()]
            .map((state) => AwarenessStateSchema.safeParse(state).data)
            .find((state) => state?.user?.name === 'Ada')

        a.provider.awareness.setLocalState({
          user: { id: participantIdOf(secret), name: 'Ada', color: '#aa3355' },
          presence: { cursor: { x: 120, y: 80, type: 'default', rotation: 0 } },
        })
        await vi.waitFor(() => {
          expect(adaOnB()?.presence).toMatchObject({ cursor: { x: 120, y: 80 } })
        }, Eventually)
        a.provider.awareness.setLocalStateField('presence', {
          cursor: { x: 300, y: 40, type: 'default', rotation: 0 },
        })
        await vi.waitFor(() => {
          expect(adaOnB()?.presence).toMatchObject({ cursor: { x: 300, y: 40 } })
        }, Eventually)

        a.destroy()
        await vi.waitFor(() => expect(adaOnB()).toBeUndefined(), Eventually)
      },
      ClusterTestTimeout,
    )
  })

  describe('when the instance a client is on is killed mid-edit', () => {
    it(
      'reconnects the client through the load balancer to the other, losing no acknowledged edit',
      async () => {
        const cluster = await twoInstances()
        const boardId = await createBoard(cluster.url(0))
        const writer = connect(cluster.balancer.wsUrl, boardId)
        await writer.synced
        const through = [...cluster.balancer.openConnections().keys()]
        expect(through).toHaveLength(1)
        const victim = cluster.instances.findIndex((p) => p.url === through[0])
        const survivor = 1 - victim
        const survivorUrl = cluster.url(survivor)
        // The observer is on the other instance: what it has seen was stored and relayed.
        const observer = connect(cluster.wsUrl(survivor), boardId)
        await observer.synced

        let written = 0
        const writing = setInterval(() => {
          setRecords(writer, written, 10, 'w')
          written += 10
        }, 2)
        try {
          await vi.waitFor(() => expect(observer.records.size).toBeGreaterThan(300), Eventually)
          await cluster.kill(victim)
          const acknowledged = keysOf(observer)

          // Back through the balancer, on the survivor, and edits flow again.
          await vi.waitFor(() => {
            expect(cluster.balancer.openConnections().get(survivorUrl)).toBe(1)
            expect(writer.provider.synced).toBe(true)
          }, Eventually)
          const before = observer.records.size
          await vi.waitFor(
            () => expect(observer.records.size).toBeGreaterThan(before + 300),
            Eventually,
          )
          clearInterval(writing)

          // Nothing the writer made is lost, acknowledged or not.
          await vi.waitFor(() => expect(keysOf(observer)).toEqual(keysOf(writer)), Eventually)
          expect(keysOf(writer).filter((key) => key.startsWith('shape:w'))).toHaveLength(written)
          // And the acknowledged edits are stored: the killed instance, started again, has them.
          await cluster.restart(victim)
          const fresh = connect(cluster.wsUrl(victim), boardId)
          await fresh.synced
          expect(acknowledged.filter((key) => !fresh.records.has(key))).toEqual([])
          expect(acknowledged.length).toBeGreaterThan(300)
          await vi.waitFor(() => expect(keysOf(fresh)).toEqual(keysOf(writer)), Eventually)
        } finally {
          clearInterval(writing)
        }
      },
      ClusterTestTimeout,
    )
  })

  describe('when Redis stops and starts again', () => {
    it(
      'reports not ready and refuses edits meanwhile, then recovers without a restart and loses nothing',
      async () => {
        const cluster = await twoInstances()
        for (const i of [0, 1])
          expect(await ready(cluster, i)).toEqual({ status: 200, body: { ok: true } })
        const boardId = await createBoard(cluster.url(0))
        const a = connect(cluster.wsUrl(0), boardId)
        const b = connect(cluster.wsUrl(1), boardId)
        const closesOfA = closeCodes(a)
        await Promise.all([a.synced, b.synced])
        a.records.set('shape:before', { id: 'shape:before' })
        await vi.waitFor(() => expect(b.records.has('shape:before')).toBe(true), Eventually)

        await cluster.redis.stop()

        await vi.waitFor(async () => {
          for (const i of [0, 1]) expect((await ready(cluster, i)).status).toBe(503)
        }, Eventually)
        // An edit is refused, its sender told to come back later, and it is kept on the device.
        a.records.set('shape:during', { id: 'shape:during' })
        await vi.waitFor(
          () => expect(closesOfA).toContain(CloseCodes.StorageUnavailable.code),
          Eventually,
        )

        await cluster.redis.start()

        await vi.waitFor(async () => {
          for (const i of [0, 1])
            expect(await ready(cluster, i)).toEqual({ status: 200, body: { ok: true } })
        }, Eventually)
        // The refused edit arrives once its sender reconnects, and edits flow both ways again.
        await vi.waitFor(() => expect(b.records.has('shape:during')).toBe(true), Eventually)
        b.records.set('shape:after', { id: 'shape:after' })
        await vi.waitFor(() => expect(a.records.has('shape:after')).toBe(true), Eventually)
        a.records.set('shape:after-a', { id: 'shape:after-a' })
        await vi.waitFor(() => expect(b.records.has('shape:after-a')).toBe(true), Eventually)
        expect(keysOf(b)).toEqual(keysOf(a))
      },
      ClusterTestTimeout,
    )
  })
})
