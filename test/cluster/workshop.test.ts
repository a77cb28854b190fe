import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BoardPresenceSchema } from '../../shared/api/boards.js'
import type { Role } from '../../shared/api/links.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { AwarenessStateSchema } from '../../shared/protocol/awareness.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import { WorkshopPresenceSchema, type WorkshopState } from '../../shared/workshop/workshopState.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
} from '../helpers/api.js'
import {
  connectClient,
  createOwnedBoard,
  keyOf,
  type OwnedBoard,
  type TestClient,
} from '../helpers/clients.js'
import { startTestCluster, type TestCluster } from '../helpers/cluster.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'

// Each test starts two server processes; on a busy machine that takes a while.
const ClusterTestTimeout = 120_000
/** Waits for cross-instance effects that pass through Redis. */
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

const secret = (who: string) => `${who}-`.padEnd(40, 'x')

/** Instances (two unless told) with share links enforced, and a board made through the first. */
async function workshopOnInstances(instances = 2) {
  const cluster = await startTestCluster({
    instances,
    postgres,
    env: { OPEN_INSTANCE: 'false' },
  })
  const board = await createOwnedBoard(cluster.url(0), 'Workshop across instances')
  const call = (i: number, role: Role, who: string, path: string, body?: unknown) =>
    callOn(cluster, board, i, role, who, path, body)
  const connect = (i: number, role: Role) => {
    const client = connectClient(cluster.wsUrl(i), board.id, {
      params: { key: keyOf(board, role) },
    })
    clients.push(client)
    return client
  }
  return { cluster, board, call, connect }
}

/** A lean canvas with two problems to vote on, made through the first instance. */
async function churnCanvas(call: Awaited<ReturnType<typeof workshopOnInstances>>['call']) {
  const canvas = await call(0, 'edit', 'e', '/canvases', {
    kind: 'lean',
    title: 'Churn',
    boxes: { problem: ['Users forget', 'Too pricey'] },
  })
  expect(canvas.status).toBe(201)
  const [forget, pricey] = canvas.json.boxes.problem as [{ id: string }, { id: string }]
  return { canvas, forget, pricey }
}

async function callOn(
  cluster: TestCluster,
  board: OwnedBoard,
  i: number,
  role: Role,
  who: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${cluster.url(i)}/api/boards/${board.id}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${keyOf(board, role)}`,
      'x-participant': secret(who),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
}

/** The workshop state a client sees: the server's own presence on its instance. */
function workshopSeenBy(client: TestClient): WorkshopState | undefined {
  for (const state of client.provider.awareness.getStates().values()) {
    const parsed = WorkshopPresenceSchema.safeParse(state)
    if (parsed.success) return parsed.data.workshop
  }
  return undefined
}

const closeCodes = (client: TestClient) => {
  const codes: number[] = []
  client.provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) codes.push(event.code)
  })
  return codes
}

describe('a workshop run across two instances', () => {
  it(
    'shows the timer, locks and votes started on one instance on the screens of the other, and enforces the lock there',
    async () => {
      const { call, connect, cluster, board } = await workshopOnInstances()
      const { canvas, forget, pricey } = await churnCanvas(call)
      const onB = connect(1, 'edit')
      await onB.synced

      // The facilitator works through A; a screen on B sees it.
      const timer = await call(0, 'owner', 'o', '/workshop', {
        type: 'timer',
        timer: { action: 'set', durationMs: 300_000 },
      })
      expect(timer.status).toBe(200)
      await vi.waitFor(
        () => expect(workshopSeenBy(onB)?.timer.durationMs).toBe(300_000),
        Eventually,
      )

      const scope = { kind: 'canvas', canvasId: canvas.json.id }
      expect(
        (await call(0, 'owner', 'o', '/workshop', { type: 'lock', scope, locked: true })).status,
      ).toBe(200)
      await vi.waitFor(() => expect(workshopSeenBy(onB)?.locks).toEqual([scope]), Eventually)
      // B enforces the lock set through A.
      const patched = await fetch(
        `${cluster.url(1)}/api/boards/${board.id}/canvases/${canvas.json.id}`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${keyOf(board, 'edit')}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ title: 'Renamed through B' }),
        },
      )
      expect(patched.status).toBe(423)
      expect(
        (await call(0, 'owner', 'o', '/workshop', { type: 'lock', scope, locked: false })).status,
      ).toBe(200)
      await vi.waitFor(() => expect(workshopSeenBy(onB)?.locks).toEqual([]), Eventually)

      // A vote started on A takes votes through B and ends with all of them counted.
      const start = await call(0, 'owner', 'o', '/workshop', {
        type: 'startVoting',
        voting: { scope, votesPerPerson: 2, onePerItem: true },
      })
      expect(start.status).toBe(200)
      await vi.waitFor(() => expect(workshopSeenBy(onB)?.voting?.status).toBe('open'), Eventually)
      expect(
        (await call(1, 'comment', 'c1', '/votes', { voteId: 'vote-c1-01', itemId: forget.id }))
          .status,
      ).toBe(200)
      expect(
        (await call(0, 'comment', 'c2', '/votes', { voteId: 'vote-c2-01', itemId: forget.id }))
          .status,
      ).toBe(200)
      expect(
        (await call(1, 'edit', 'e', '/votes', { voteId: 'vote-e-0001', itemId: pricey.id })).status,
      ).toBe(200)
      const ended = await call(1, 'owner', 'o', '/workshop', { type: 'endVoting' })
      expect(ended.status).toBe(200)
      expect(ended.json.state.voting.results.map((r: { votes: number }) => r.votes)).toEqual([2, 1])
      await vi.waitFor(() => expect(workshopSeenBy(onB)?.voting?.status).toBe('closed'), Eventually)
      // Either instance writes the same summary.
      const summaries = await Promise.all(
        [0, 1].map((i) => call(i, 'view', 'v', '/workshop/summary.md')),
      )
      expect(summaries[0]!.text).toBe(summaries[1]!.text)
      expect(summaries[0]!.text).toContain('| 1 | Users forget | Churn · Problem | 2 |')
    },
    ClusterTestTimeout,
  )

  it(
    'shows a rename made through one instance on the screens of the other at once',
    async () => {
      const { cluster, board, connect } = await workshopOnInstances()
      const viewer = connect(1, 'view')
      await viewer.synced
      const titleSeen = () => {
        for (const state of viewer.provider.awareness.getStates().values()) {
          const parsed = BoardPresenceSchema.safeParse(state)
          if (parsed.success) return parsed.data.board.title
        }
        return null
      }
      await vi.waitFor(() => expect(titleSeen()).toBe('Workshop across instances'), Eventually)
      const renamed = await fetch(`${cluster.url(0)}/api/boards/${board.id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${keyOf(board, 'edit')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ title: 'Week 2 across instances' }),
      })
      expect(renamed.status).toBe(200)
      await vi.waitFor(() => expect(titleSeen()).toBe('Week 2 across instances'), Eventually)
    },
    ClusterTestTimeout,
  )

  it(
    'applies facilitator actions sent to both instances at once, or refuses one: none is lost',
    async () => {
      const { call } = await workshopOnInstances()
      const ids: string[] = []
      for (let i = 0; i < 6; i++) {
        const canvas = await call(0, 'edit', 'e', '/canvases', { kind: 'lean', title: `C${i}` })
        expect(canvas.status).toBe(201)
        ids.push(canvas.json.id)
      }
      // Six locks at once, half through each instance: each reads, changes and stores the
      // whole workshop state, so without compare-and-set one would overwrite another.
      const answers = await Promise.all(
        ids.map((canvasId, i) =>
          call(i % 2, 'owner', 'o', '/workshop', {
            type: 'lock',
            scope: { kind: 'canvas', canvasId },
            locked: true,
          }),
        ),
      )
      expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200))
      for (const i of [0, 1]) {
        const state = (await call(i, 'view', 'v', '/workshop')).json.state as WorkshopState
        expect(state.locks.map((l) => (l.kind === 'canvas' ? l.canvasId : l.kind)).sort()).toEqual(
          [...ids].sort(),
        )
      }
    },
    ClusterTestTimeout,
  )

  it(
    'closes the sessions of a rotated link, and of a deleted board, on every instance',
    async () => {
      const { connect, board, cluster } = await workshopOnInstances()
      const viewerOnB = connect(1, 'view')
      const editorOnB = connect(1, 'edit')
      await Promise.all([viewerOnB.synced, editorOnB.synced])
      const viewerCloses = closeCodes(viewerOnB)
      const editorCloses = closeCodes(editorOnB)

      const rotated = await fetch(`${cluster.url(0)}/api/boards/${board.id}/links/view/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${board.ownerKey}` },
      })
      expect(rotated.status).toBe(200)
      await vi.waitFor(
        () => expect(viewerCloses).toContain(CloseCodes.Unauthorized.code),
        Eventually,
      )
      expect(editorCloses).toEqual([])

      const deleted = await fetch(`${cluster.url(0)}/api/boards/${board.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${board.ownerKey}` },
      })
      expect(deleted.status).toBe(200)
      await vi.waitFor(
        () => expect(editorCloses).toContain(CloseCodes.BoardDeleted.code),
        Eventually,
      )
    },
    ClusterTestTimeout,
  )

  it(
    'takes measurements through one instance and answers the tracker and the export the same on the other',
    async () => {
      const cluster = await startTestCluster({ instances: 2, postgres })
      const board = await createOwnedBoard(cluster.url(0), 'Checkout')
      const onA = apiClient(cluster.url(0))
      const onB = apiClient(cluster.url(1))
      const id = await createHypothesis(onA, board.id)
      expect((await setStatus(onA, board.id, id, 'running')).status).toBe(200)
      const { token } = await createToken(onA, board)
      const watching = [
        connectClient(cluster.wsUrl(0), board.id),
        connectClient(cluster.wsUrl(1), board.id),
      ]
      clients.push(...watching)
      await Promise.all(watching.map((c) => c.synced))

      const measured = await postMeasurements(onB, board.id, id, token, {
        measurements: [{ metric: 'conversion', value: 5.1, at: '2026-11-03T10:00:00Z' }],
      })
      expect(measured.status).toBe(200)
      expect(measured.json.verdict.verdict).toBe('supported')

      await vi.waitFor(async () => {
        const trackers = await Promise.all(
          [onA, onB].map(async (api) => (await api(`/api/hypotheses?board=${board.id}`)).json),
        )
        expect(JSON.stringify(trackers[0])).toContain('supported')
        expect(trackers[1]).toEqual(trackers[0])
      }, Eventually)
      const exports = await Promise.all(
        [onA, onB].map((api) => api(`/api/boards/${board.id}/export.md`)),
      )
      expect(exports[0]!.status).toBe(200)
      expect(exports[0]!.text).toContain('5.1')
      expect(exports[1]!.text).toBe(exports[0]!.text)
    },
    ClusterTestTimeout,
  )
})

describe('a live workshop on three instances behind a load balancer', () => {
  it(
    'moves the people of an instance killed mid-workshop to the others: timer, vote, presence and every edit carry on',
    async () => {
      const { cluster, board, call } = await workshopOnInstances(3)
      const { canvas, forget, pricey } = await churnCanvas(call)
      const scope = { kind: 'canvas', canvasId: canvas.json.id }
      for (const action of [
        { type: 'timer', timer: { action: 'set', durationMs: 600_000 } },
        { type: 'timer', timer: { action: 'start' } },
        { type: 'startVoting', voting: { scope, votesPerPerson: 2, onePerItem: true } },
      ]) {
        expect((await call(0, 'owner', 'o', '/workshop', action)).status).toBe(200)
      }

      // Three people come in through the load balancer, which sends each to the next instance.
      const names = ['Ada', 'Ben', 'Cy'] as const
      const people: { name: string; client: TestClient; instance: number }[] = []
      for (const name of names) {
        const before = cluster.balancer.openConnections()
        const secret = `${name}-`.padEnd(40, 'x')
        const client = connectClient(cluster.balancer.wsUrl, board.id, {
          params: { key: keyOf(board, 'edit'), [ParticipantParam]: secret },
        })
        clients.push(client)
        await client.synced
        const after = cluster.balancer.openConnections()
        const backend = [...after.keys()].find((url) => after.get(url)! > (before.get(url) ?? 0))
        const instance = cluster.instances.findIndex((p) => p.url === backend)
        client.provider.awareness.setLocalState({
          user: { id: participantIdOf(secret), name, color: '#aa3355' },
        })
        people.push({ name, client, instance })
      }
      expect(new Set(people.map((p) => p.instance)).size).toBe(3)
      const [ada, ben, cy] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]]
      const namesSeenBy = (client: TestClient) =>
        [...client.provider.awareness.getStates().values()]
          .map((state) => AwarenessStateSchema.safeParse(state).data?.user?.name)
          .filter((name) => name !== undefined)
          .sort()
      await vi.waitFor(() => {
        for (const p of people) {
          expect(namesSeenBy(p.client)).toEqual([...names])
          expect(workshopSeenBy(p.client)?.voting?.status).toBe('open')
          expect(workshopSeenBy(p.client)?.timer.status).toBe('running')
        }
      }, Eventually)
      const timerBefore = workshopSeenBy(ben.client)!.timer

      // Ben votes through his instance; everyone edits.
      const vote = (i: number, who: string, voteId: string, itemId: string) =>
        call(i, 'edit', who, '/votes', { voteId, itemId })
      expect((await vote(ben.instance, 'Ben', 'vote-ben-001', forget.id)).status).toBe(200)
      let written = 0
      const writing = setInterval(() => {
        for (const p of people) {
          p.client.doc.transact(() => {
            for (let i = written; i < written + 5; i++) {
              p.client.records.set(`shape:${p.name}${i}`, { id: `shape:${p.name}${i}`, i })
            }
          })
        }
        written += 5
      }, 5)
      const keysOf = (client: TestClient) => [...client.records.keys()].sort()
      try {
        await vi.waitFor(
          () => expect(keysOf(ada.client).filter((k) => k.startsWith('shape:Ben'))).not.toEqual([]),
          Eventually,
        )
        // What Ada has seen of Ben's edits was stored before it reached her.
        const acknowledged = keysOf(ada.client)
        await cluster.kill(ben.instance)

        // Ben is back through the balancer on another instance, and the workshop is as it was.
        await vi.waitFor(() => {
          expect(
            cluster.balancer.openConnections().get(cluster.instances[ben.instance]!.url) ?? 0,
          ).toBe(0)
          expect(ben.client.provider.wsconnected).toBe(true)
          expect(ben.client.provider.synced).toBe(true)
          expect(workshopSeenBy(ben.client)?.timer).toEqual(timerBefore)
          expect(workshopSeenBy(ben.client)?.voting?.status).toBe('open')
          for (const p of people) expect(namesSeenBy(p.client)).toEqual([...names])
        }, Eventually)
        const before = keysOf(cy.client).length
        await vi.waitFor(
          () => expect(keysOf(cy.client).length).toBeGreaterThan(before + 30),
          Eventually,
        )
        clearInterval(writing)

        // Ben's vote survived his instance; the others vote through any instance left.
        const left = [0, 1, 2].filter((i) => i !== ben.instance)
        expect((await vote(left[0]!, 'Ada', 'vote-ada-001', forget.id)).status).toBe(200)
        expect((await vote(left[1]!, 'Cy', 'vote-cy-0001', pricey.id)).status).toBe(200)
        const ended = await call(left[1]!, 'owner', 'o', '/workshop', { type: 'endVoting' })
        expect(ended.status).toBe(200)
        expect(ended.json.state.voting.results.map((r: { votes: number }) => r.votes)).toEqual([
          2, 1,
        ])

        // Nobody lost an edit: every screen ends with all of them, and what Ada had seen is kept.
        await vi.waitFor(() => {
          for (const p of people) {
            expect(keysOf(p.client).filter((k) => k.startsWith('shape:'))).toHaveLength(written * 3)
            expect(keysOf(p.client)).toEqual(keysOf(ada.client))
          }
        }, Eventually)
        expect(acknowledged.filter((k) => !ada.client.records.has(k))).toEqual([])
      } finally {
        clearInterval(writing)
      }
    },
    ClusterTestTimeout,
  )
})
