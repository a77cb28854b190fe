import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { CommentsSync } from '../../client/sync/CommentsSync.js'
import { createOwnedBoard, keyOf } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const syncs: CommentsSync[] = []
afterEach(async () => {
  for (const s of syncs.splice(0)) s.dispose()
  for (const s of servers.splice(0)) await s.cleanup()
})

const secret = 'reader-'.padEnd(40, 'x')

async function boardWithComments() {
  const server = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(server)
  const board = await createOwnedBoard(server.url, 'Retro')
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/boards/${board.id}/comments${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': secret,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    expect(res.status).toBeLessThan(300)
    return (await res.json()) as { id: string }
  }
  const watch = (role: 'view' | 'comment') => {
    const sync = new CommentsSync({
      boardId: board.id,
      serverUrl: `${server.wsUrl}/sync`,
      boardKey: keyOf(board, role),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    })
    syncs.push(sync)
    return sync
  }
  return { post, watch }
}

describe('the comments a screen reads live', () => {
  it('holds the threads already written once synced, and each new one as it is written', async () => {
    const { post, watch } = await boardWithComments()
    const first = await post('', { target: { kind: 'point', x: 1, y: 2 }, text: 'First' })
    const sync = watch('view')
    let changes = 0
    sync.subscribe(() => changes++)
    await vi.waitFor(() => expect(sync.isSynced()).toBe(true))
    expect(sync.getThreads().map((t) => t.comments[0]?.text)).toEqual(['First'])

    const second = await post('', { target: { kind: 'shape', shapeId: 'shape:box' }, text: 'Next' })
    await post(`/${first.id}/replies`, { text: 'A reply' })
    await vi.waitFor(() =>
      // Newest activity first: the reply brought the first thread back to the top.
      expect(sync.getThreads().map((t) => [t.id, t.comments.length])).toEqual([
        [first.id, 2],
        [second.id, 1],
      ]),
    )
    expect(changes).toBeGreaterThan(1)
    // The same array until something changes, as React's external stores need.
    expect(sync.getThreads()).toBe(sync.getThreads())
  })

  it('reads resolutions, and stops telling anyone once disposed', async () => {
    const { post, watch } = await boardWithComments()
    const thread = await post('', { target: { kind: 'point', x: 0, y: 0 }, text: 'Done?' })
    const sync = watch('comment')
    await vi.waitFor(() => expect(sync.getThreads()).toHaveLength(1))
    await post(`/${thread.id}/resolve`, {})
    await vi.waitFor(() => expect(sync.getThreads()[0]?.resolvedAt).not.toBeNull())
    const listener = vi.fn()
    sync.subscribe(listener)
    sync.dispose()
    syncs.splice(syncs.indexOf(sync), 1)
    // Another screen still open sees the next thread; the closed one hears nothing of it.
    const other = watch('view')
    await vi.waitFor(() => expect(other.getThreads()).toHaveLength(1))
    await post('', { target: { kind: 'point', x: 5, y: 5 }, text: 'Later' })
    await vi.waitFor(() => expect(other.getThreads()).toHaveLength(2))
    expect(listener).not.toHaveBeenCalled()
  })
})
