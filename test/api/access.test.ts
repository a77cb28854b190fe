import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup()
})

interface CreatedBoard {
  id: string
  ownerKey: string
  links: { role: string; key: string; path: string }[]
}

async function linkServer(openInstance = false) {
  const s = await startTestServer({ env: { OPEN_INSTANCE: String(openInstance) } })
  servers.push(s)
  const call = async (
    path: string,
    init: {
      key?: string | null
      method?: string
      body?: unknown
      headers?: Record<string, string>
    } = {},
  ) => {
    const res = await fetch(`${s.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : undefined }
  }
  const createBoard = async (title: string) =>
    (await call('/api/boards', { body: { title } })).json as CreatedBoard
  const keyOf = (board: CreatedBoard, role: string) =>
    role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key
  return { s, call, createBoard, keyOf }
}

describe('REST access with share links', () => {
  it('gives the creator an owner key and three links, each with its own secret', async () => {
    const { createBoard } = await linkServer()
    const board = await createBoard('Discovery')
    expect(board.ownerKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(board.links.map((l) => l.role)).toEqual(['edit', 'comment', 'view'])
    expect(new Set([board.ownerKey, ...board.links.map((l) => l.key)]).size).toBe(4)
    expect(board.links[0]!.path).toBe(`/b/${board.id}?key=${board.links[0]!.key}`)
  })

  it('cannot find a board without a valid key, and answers 403 where the role does not allow it', async () => {
    const { call, createBoard, keyOf } = await linkServer()
    const board = await createBoard('Discovery')
    const canvas = { kind: 'lean', title: 'Churn' }
    expect((await call(`/api/boards/${board.id}`)).status).toBe(404)
    expect((await call(`/api/boards/${board.id}/canvases`, { key: 'x'.repeat(43) })).status).toBe(
      404,
    )
    expect((await call(`/api/boards/${board.id}`, { key: keyOf(board, 'view') })).status).toBe(200)
    for (const role of ['view', 'comment']) {
      const res = await call(`/api/boards/${board.id}/canvases`, {
        key: keyOf(board, role),
        body: canvas,
      })
      expect(res.status).toBe(403)
      expect(res.json.error.code).toBe('forbidden')
      const token = await call(`/api/boards/${board.id}/tokens`, {
        key: keyOf(board, role),
        body: { name: 'ci' },
      })
      expect(token.status).toBe(403)
    }
    expect(
      (await call(`/api/boards/${board.id}/canvases`, { key: keyOf(board, 'edit'), body: canvas }))
        .status,
    ).toBe(201)
    expect(
      (await call(`/api/boards/${board.id}/links`, { key: keyOf(board, 'edit') })).status,
    ).toBe(403)
    expect(
      (await call(`/api/boards/${board.id}/links`, { key: keyOf(board, 'owner') })).status,
    ).toBe(200)
  })

  it('lets the owner disable and rotate a link, which stops the old key at once', async () => {
    const { call, createBoard, keyOf } = await linkServer()
    const board = await createBoard('Discovery')
    const owner = keyOf(board, 'owner')
    const view = keyOf(board, 'view')
    const disabled = await call(`/api/boards/${board.id}/links/view`, {
      key: owner,
      method: 'PATCH',
      body: { enabled: false },
    })
    expect(disabled.json.links.find((l: { role: string }) => l.role === 'view')).toMatchObject({
      enabled: false,
      key: null,
    })
    expect((await call(`/api/boards/${board.id}`, { key: view })).status).toBe(404)
    await call(`/api/boards/${board.id}/links/view`, {
      key: owner,
      method: 'PATCH',
      body: { enabled: true },
    })
    expect((await call(`/api/boards/${board.id}`, { key: view })).status).toBe(200)

    const rotated = await call(`/api/boards/${board.id}/links/view/rotate`, {
      key: owner,
      method: 'POST',
    })
    const fresh = rotated.json.links.find((l: { role: string }) => l.role === 'view').key
    expect((await call(`/api/boards/${board.id}`, { key: view })).status).toBe(404)
    expect((await call(`/api/boards/${board.id}`, { key: fresh })).status).toBe(200)
  })

  it('lists only the boards whose keys the browser holds, with the strongest role', async () => {
    const { call, createBoard, keyOf } = await linkServer()
    const mine = await createBoard('Mine')
    const shared = await createBoard('Shared with me')
    await createBoard('Someone else’s')
    expect((await call('/api/boards')).status).toBe(403)
    const res = await call('/api/boards/lookup', {
      body: { keys: [keyOf(mine, 'view'), keyOf(mine, 'owner'), keyOf(shared, 'comment'), 'junk'] },
    })
    expect(res.status).toBe(200)
    const boards = res.json.boards as { title: string; role: string }[]
    expect(boards.map((b) => [b.title, b.role]).sort()).toEqual([
      ['Mine', 'owner'],
      ['Shared with me', 'comment'],
    ])
  })

  it('shows the tracker only the hypotheses of boards whose keys are sent', async () => {
    const { call, createBoard, keyOf } = await linkServer()
    const a = await createBoard('A')
    const b = await createBoard('B')
    for (const board of [a, b]) {
      const res = await call(`/api/boards/${board.id}/canvases`, {
        key: keyOf(board, 'edit'),
        body: { kind: 'hypothesis', title: `Hypothesis on ${board.id === a.id ? 'A' : 'B'}` },
      })
      expect(res.status).toBe(201)
    }
    await expect
      .poll(async () => {
        const res = await call('/api/hypotheses', { headers: { 'x-board-keys': keyOf(a, 'view') } })
        return res.json.hypotheses.map((h: { title: string }) => h.title)
      })
      .toEqual(['Hypothesis on A'])
    expect((await call('/api/hypotheses')).json.hypotheses).toEqual([])
  })
})

describe('REST access on an open instance', () => {
  it('lets anyone who reaches the server list and edit every board', async () => {
    const { call, createBoard } = await linkServer(true)
    const board = await createBoard('Team board')
    expect((await call('/api/boards')).json.boards.map((b: { id: string }) => b.id)).toEqual([
      board.id,
    ])
    expect(
      (await call(`/api/boards/${board.id}/canvases`, { body: { kind: 'lean' } })).status,
    ).toBe(201)
    expect((await call(`/api/boards/${board.id}/links`)).status).toBe(403)
  })
})
