import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { CommentsSync } from '../../client/sync/CommentsSync.js'
import type { Role } from '../../shared/api/links.js'
import { getBoardCanvases, readCanvas } from '../../shared/doc/canvasDoc.js'
import { encodeRecord } from '../../shared/doc/layout.js'
import { ParticipantParam } from '../../shared/workshop/participant.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestCluster } from '../helpers/cluster.js'
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

const disposers: (() => void)[] = []
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose()
})

const secret = (who: string) => `${who}-`.padEnd(40, 'x')

/** Two instances with share links enforced, a board made through the first, and ways to reach it through either. */
async function boardOnTwoInstances() {
  const cluster = await startTestCluster({
    instances: 2,
    postgres,
    env: { OPEN_INSTANCE: 'false' },
  })
  const board = await createOwnedBoard(cluster.url(0), 'Churn discovery')
  const call = async (
    i: number,
    role: Role,
    path: string,
    init: { method?: string; body?: unknown; who?: string } = {},
  ) => {
    const res = await fetch(`${cluster.url(i)}/api/boards/${board.id}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${keyOf(board, role)}`,
        'x-participant': secret(init.who ?? 'ann'),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
  }
  const editorOn = (i: number) => {
    const client: TestClient = connectClient(cluster.wsUrl(i), board.id, {
      params: { key: keyOf(board, 'edit'), [ParticipantParam]: secret('bob') },
    })
    disposers.push(() => client.destroy())
    return client
  }
  const commentsOn = (i: number) => {
    const sync = new CommentsSync({
      boardId: board.id,
      serverUrl: `${cluster.wsUrl(i)}/sync`,
      boardKey: keyOf(board, 'view'),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    disposers.push(() => sync.dispose())
    return sync
  }
  return { call, editorOn, commentsOn }
}

describe('comments and history across two instances', () => {
  it(
    'shows a thread written through one instance live on a screen of the other, with its replies and resolution',
    async () => {
      const { call, commentsOn } = await boardOnTwoInstances()
      const onB = commentsOn(1)
      await vi.waitFor(() => expect(onB.isSynced()).toBe(true), Eventually)

      const thread = await call(0, 'comment', '/comments', {
        body: { target: { kind: 'point', x: 10, y: 20 }, text: 'Is churn the right metric?' },
      })
      expect(thread.status).toBe(201)
      await vi.waitFor(
        () =>
          expect(onB.getThreads().map((t) => t.comments[0]?.text)).toEqual([
            'Is churn the right metric?',
          ]),
        Eventually,
      )
      // A reply through B and a resolution through A both reach the screen on B.
      const reply = await call(1, 'comment', `/comments/${thread.json.id}/replies`, {
        body: { text: 'Retention reads better' },
        who: 'cy',
      })
      expect(reply.status).toBe(201)
      expect(
        (await call(0, 'comment', `/comments/${thread.json.id}/resolve`, { body: {} })).status,
      ).toBe(200)
      await vi.waitFor(() => {
        const [seen] = onB.getThreads()
        expect(seen?.comments.map((c) => c.text)).toEqual([
          'Is churn the right metric?',
          'Retention reads better',
        ])
        expect(seen?.resolvedAt).not.toBeNull()
      }, Eventually)
      // Either instance lists the same threads.
      const lists = await Promise.all([0, 1].map((i) => call(i, 'view', '/comments')))
      expect(lists[0]!.json).toEqual(lists[1]!.json)
    },
    ClusterTestTimeout,
  )

  it(
    'lists a version named through one instance on the other, and a canvas restored through it reaches screens on the first without losing their newer drawing',
    async () => {
      const { call, editorOn } = await boardOnTwoInstances()
      const canvas = await call(0, 'edit', '/canvases', {
        body: { kind: 'lean', title: 'Churn', boxes: { problem: ['Users forget'] } },
      })
      expect(canvas.status).toBe(201)
      const named = await call(1, 'edit', '/versions', { body: { name: 'Before the workshop' } })
      expect(named.status).toBe(201)
      const listed = await call(0, 'view', '/versions')
      expect(listed.json.versions.map((v: { name: string }) => v.name)).toContain(
        'Before the workshop',
      )

      // Through A: the canvas is renamed and someone on A draws a sticky.
      const onA = editorOn(0)
      await onA.synced
      const renamed = await call(0, 'edit', `/canvases/${canvas.json.id}`, {
        method: 'PATCH',
        body: { title: 'Renamed' },
      })
      expect(renamed.status).toBe(200)
      onA.records.set(
        'shape:sticky',
        encodeRecord({
          typeName: 'shape',
          id: 'shape:sticky',
          type: 'note',
          parentId: 'page:page',
          x: 0,
          y: 0,
          props: {},
        }),
      )
      // The sticky is stored (B's document read of it proves it crossed over) before the restore.
      const onB = editorOn(1)
      await onB.synced
      await vi.waitFor(() => expect(onB.records.has('shape:sticky')).toBe(true), Eventually)

      // The canvas is restored through B; the screen on A sees it, and keeps the sticky.
      const restored = await call(1, 'edit', `/versions/${named.json.id}/restore`, {
        body: { canvasId: canvas.json.id },
      })
      expect(restored.status).toBe(200)
      await vi.waitFor(() => {
        const map = getBoardCanvases(onA.doc).get(canvas.json.id)!
        expect(readCanvas(canvas.json.id, map)!.title).toBe('Churn')
      }, Eventually)
      expect(onA.records.has('shape:sticky')).toBe(true)

      // Either instance says the same about what changed since the version.
      const diffs = await Promise.all(
        [0, 1].map((i) => call(i, 'view', `/diff.md?from=${restored.json.before.id}&to=now`)),
      )
      expect(diffs[0]!.status).toBe(200)
      expect(diffs[0]!.text).toBe(diffs[1]!.text)
      expect(diffs[0]!.text).toContain('Churn')
    },
    ClusterTestTimeout,
  )
})
