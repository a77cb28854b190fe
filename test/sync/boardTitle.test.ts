import { afterEach, describe, expect, it, vi } from 'vitest'
import { BoardPresenceSchema } from '../../shared/api/boards.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

/** The title the server publishes on the board, as a standard client sees it. */
function titleSeenBy(client: TestClient): string | null {
  for (const state of client.provider.awareness.getStates().values()) {
    const parsed = BoardPresenceSchema.safeParse(state)
    if (parsed.success) return parsed.data.board.title
  }
  return null
}

async function boardWithClient() {
  const s = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Churn workshop')
  const connect = (role: 'edit' | 'view') => {
    const c = connectClient(s.wsUrl, board.id, { params: { key: keyOf(board, role) } })
    clients.push(c)
    return c
  }
  const rename = (title: unknown, role: 'edit' | 'view' = 'edit') =>
    fetch(`${s.url}/api/boards/${board.id}`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${keyOf(board, role)}`,
      },
      body: JSON.stringify({ title }),
    })
  return { s, board, connect, rename }
}

describe('the board title on every screen', () => {
  it('is published by the server when the board opens', async () => {
    const { connect } = await boardWithClient()
    const viewer = connect('view')
    await viewer.synced
    await vi.waitFor(() => expect(titleSeenBy(viewer)).toBe('Churn workshop'))
  })

  it('changes at once on every open screen when someone renames the board', async () => {
    const { connect, rename } = await boardWithClient()
    const [editor, viewer] = [connect('edit'), connect('view')]
    await Promise.all([editor.synced, viewer.synced])
    await vi.waitFor(() => expect(titleSeenBy(viewer)).toBe('Churn workshop'))
    expect((await rename('Churn: week 2')).status).toBe(200)
    for (const client of [editor, viewer]) {
      await vi.waitFor(() => expect(titleSeenBy(client)).toBe('Churn: week 2'))
    }
  })

  it('keeps its title when a viewer or bad input tries to rename it', async () => {
    const { connect, rename } = await boardWithClient()
    const viewer = connect('view')
    await viewer.synced
    expect((await rename('Hijacked', 'view')).status).toBe(403)
    expect((await rename('')).status).toBe(400)
    expect((await rename('x'.repeat(201))).status).toBe(400)
    expect((await rename('line one\nline two')).status).toBe(400)
    await vi.waitFor(() => expect(titleSeenBy(viewer)).toBe('Churn workshop'))
  })

  it('cannot be published by a client: only the server names the board', async () => {
    const { connect } = await boardWithClient()
    const editor = connect('edit')
    await editor.synced
    editor.provider.awareness.setLocalState({ board: { title: 'Fake title' } })
    expect(await editor.closed).toMatchObject({ code: CloseCodes.MalformedMessage.code })
  })
})
