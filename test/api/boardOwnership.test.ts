import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { participantIdOf } from '../../shared/workshop/participant.js'
import { connectClient, openRawSocket, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
})
afterAll(() => server.cleanup())

type Role = 'owner' | 'edit' | 'comment' | 'view'

interface Board {
  id: string
  ownerKey: string
  links: { role: Role; key: string }[]
  /** An ingestion token made by the owner. */
  token: { id: string; token: string }
  /** A hypothesis canvas on the board. */
  hypothesisId: string
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const secretOf = (who: string) => `${who}-`.padEnd(40, 'x')

async function call(
  path: string,
  init: {
    key?: string | null
    method?: string
    body?: unknown
    headers?: Record<string, string>
  } = {},
) {
  const raw = init.body instanceof Uint8Array || typeof init.body === 'string'
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.body === undefined || raw ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body:
      init.body === undefined
        ? undefined
        : raw
          ? (init.body as BodyInit)
          : JSON.stringify(init.body),
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text, cacheControl: res.headers.get('cache-control') }
}

const keyOf = (board: Board, role: Role) =>
  role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key

/** A board with a hypothesis and an ingestion token; deleted by its owner when asked. */
async function newBoard({ deleted = false } = {}): Promise<Board> {
  const created = await call('/api/boards', { body: { title: 'Pricing workshop' } })
  expect(created.status).toBe(201)
  const { id, ownerKey, links } = created.json as Omit<Board, 'token' | 'hypothesisId'>
  const token = await call(`/api/boards/${id}/tokens`, { key: ownerKey, body: { name: 'ci' } })
  expect(token.status).toBe(201)
  const canvas = await call(`/api/boards/${id}/canvases`, {
    key: ownerKey,
    body: { kind: 'hypothesis', title: 'Annual plans' },
  })
  expect(canvas.status).toBe(201)
  const board = { id, ownerKey, links, token: token.json, hypothesisId: canvas.json.id }
  if (deleted) await deleteAsOwner(board)
  return board
}

async function deleteAsOwner(board: Board, who?: string) {
  const res = await call(`/api/boards/${board.id}`, {
    key: board.ownerKey,
    method: 'DELETE',
    headers: who ? { 'x-participant': secretOf(who) } : {},
  })
  expect(res.status).toBe(200)
}

/** What the owner reads of a board: enough to see that a refused call changed nothing. */
async function ownerView(board: Board) {
  const read = async (path: string) => {
    const res = await call(path, { key: board.ownerKey })
    return { status: res.status, json: res.json }
  }
  return {
    board: await read(`/api/boards/${board.id}`),
    links: await read(`/api/boards/${board.id}/links`),
    tokens: await read(`/api/boards/${board.id}/tokens`),
  }
}

interface OwnerOnlyRoute {
  name: string
  method: string
  path: (board: Board) => string
  body?: unknown
  /** The route acts on a deleted board (restore). */
  deleted?: true
  /** What the owner gets. */
  ok: number
}

const OwnerOnlyRoutes: OwnerOnlyRoute[] = [
  {
    name: 'DELETE /api/boards/{id}',
    method: 'DELETE',
    path: (b) => `/api/boards/${b.id}`,
    ok: 200,
  },
  {
    name: 'POST /api/boards/{id}/restore',
    method: 'POST',
    path: (b) => `/api/boards/${b.id}/restore`,
    deleted: true,
    ok: 200,
  },
  {
    name: 'POST …/tokens',
    method: 'POST',
    path: (b) => `/api/boards/${b.id}/tokens`,
    body: { name: 'mine now' },
    ok: 201,
  },
  { name: 'GET …/tokens', method: 'GET', path: (b) => `/api/boards/${b.id}/tokens`, ok: 200 },
  {
    name: 'DELETE …/tokens/{tokenId}',
    method: 'DELETE',
    path: (b) => `/api/boards/${b.id}/tokens/${b.token.id}`,
    ok: 204,
  },
  { name: 'GET …/links', method: 'GET', path: (b) => `/api/boards/${b.id}/links`, ok: 200 },
  {
    name: 'PATCH …/links/{role}',
    method: 'PATCH',
    path: (b) => `/api/boards/${b.id}/links/edit`,
    body: { enabled: false },
    ok: 200,
  },
  {
    name: 'POST …/links/{role}/rotate',
    method: 'POST',
    path: (b) => `/api/boards/${b.id}/links/edit/rotate`,
    ok: 200,
  },
]

describe.each(OwnerOnlyRoutes)('$name, which only the owner may call', (route) => {
  it('answers 403 to each share link and 404 without a key, changes nothing, and works for the owner', async () => {
    const board = await newBoard({ deleted: route.deleted })
    const before = await ownerView(board)
    const send = (key: string | null) =>
      call(route.path(board), { key, method: route.method, body: route.body })

    for (const role of ['edit', 'comment', 'view'] as const) {
      const res = await send(keyOf(board, role))
      expect(res.status, role).toBe(403)
      expect(res.json.error.code).toBe('forbidden')
      expect(res.json.error.message).toMatch(/only the board’s owner/i)
    }
    for (const key of [null, 'x'.repeat(43)]) {
      const res = await send(key)
      expect(res.status).toBe(404)
      expect(res.json.error.code).toBe('board_not_found')
    }
    expect(await ownerView(board)).toEqual(before)

    expect((await send(board.ownerKey)).status).toBe(route.ok)
  })
})

/** Every board route of the API document, with its path filled in for `board`. */
async function boardRoutes(board: Board) {
  const doc = (await call('/api/openapi.json')).json as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>
  }
  const params: Record<string, string> = {
    boardId: board.id,
    canvasId: board.hypothesisId,
    hypothesisId: board.hypothesisId,
    tokenId: board.token.id,
    role: 'view',
    itemId: 'item-1',
    assetId: 'A'.repeat(22),
    threadId: 'thread-0001',
    commentId: 'comment-001',
    versionId: 'version-0001',
    webhookId: 'webhook-0001',
    deliveryId: 'delivery-0000001',
    stage: 'ideation',
    question: 'concrete',
    linkedBoardId: board.id,
    metricKey: 'conversion',
  }
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/boards/{boardId}'))
    .flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template: path,
        path: path.replace(/\{(\w+)\}/g, (_, name: string) => {
          // A new route's parameter must be given a value here, not sent as "undefined".
          expect(params, `${method} ${path}`).toHaveProperty(name)
          return params[name]!
        }),
        type: Object.keys(operation.requestBody?.content ?? {})[0],
      })),
    )
}

/** A body of the route's type: the access check answers before anything reads it. */
function bodyFor(type: string | undefined) {
  if (type === undefined) return {}
  if (type === 'application/json') return { body: {} }
  if (type.startsWith('image/')) return { body: PNG, headers: { 'content-type': type } }
  return { body: 'metric,value\nconversion,1\n', headers: { 'content-type': type } }
}

describe('when a board is deleted', () => {
  it('answers 410 gone on every board route to a holder of a valid key, and 404 without one', async () => {
    const board = await newBoard({ deleted: true })
    const routes = await boardRoutes(board)
    expect(routes.length).toBeGreaterThan(25)
    for (const route of routes) {
      const where = `${route.method} ${route.template}`
      const isRestore = route.template === '/api/boards/{boardId}/restore'
      const isIngestion = route.template.endsWith('/measurements')
      // Measurements are posted with an ingestion token, the rest with a board key.
      const valid = isIngestion ? board.token.token : keyOf(board, 'view')
      const { body, headers } = bodyFor(route.type)
      const send = (key: string | null) =>
        call(route.path, {
          key,
          method: route.method,
          body,
          headers: { 'x-participant': secretOf('v'), ...headers },
        })

      const withKey = await send(valid)
      if (isRestore) {
        // The one route a deleted board keeps, for its owner only.
        expect(withKey.status, where).toBe(403)
      } else {
        expect(withKey.status, where).toBe(410)
        expect(withKey.json.error.code, where).toBe('gone')
        expect(withKey.json.error.details, where).toMatchObject({ deletedBy: null })
      }
      if (!isIngestion) {
        const without = await send(null)
        expect(without.status, where).toBe(404)
        expect(without.json.error.code, where).toBe('board_not_found')
        expect(without.text, where).not.toMatch(/deleted/i)
      }
    }
  })

  it('tells holders of its key who deleted it and when, and the owner can restore it', async () => {
    const board = await newBoard()
    const ada = connectClient(server.wsUrl, board.id, {
      params: { key: board.ownerKey, participant: secretOf('ada') },
    })
    try {
      await ada.synced
      ada.provider.awareness.setLocalState({
        user: { id: participantIdOf(secretOf('ada')), name: 'Ada Lovelace', color: '#aa3355' },
      })
      // The server records the name people show on the board (the workshop summary lists them).
      await expect
        .poll(
          async () =>
            (
              await call(`/api/boards/${board.id}/workshop/summary.md`, {
                key: board.ownerKey,
              })
            ).text,
        )
        .toContain('Ada Lovelace')

      await deleteAsOwner(board, 'ada')
      const res = await call(`/api/boards/${board.id}`, { key: keyOf(board, 'comment') })
      expect(res.status).toBe(410)
      expect(res.json.error).toMatchObject({
        code: 'gone',
        message: 'Ada Lovelace deleted this board. The owner can restore it from the board list.',
        details: { deletedBy: 'Ada Lovelace', deletedAt: expect.any(String) },
      })
      // Browsers would otherwise keep the 410 and never see the board restored.
      expect(res.cacheControl).toBe('no-store')

      const restored = await call(`/api/boards/${board.id}/restore`, {
        key: board.ownerKey,
        method: 'POST',
      })
      expect(restored.status).toBe(200)
      expect(restored.json).toMatchObject({ deletedAt: null, deletedBy: null })
      expect((await call(`/api/boards/${board.id}`, { key: keyOf(board, 'view') })).status).toBe(
        200,
      )
    } finally {
      ada.destroy()
    }
  })

  it('says "the owner" when the deletion does not say who', async () => {
    const board = await newBoard()
    await deleteAsOwner(board)
    const res = await call(`/api/boards/${board.id}`, { key: board.ownerKey })
    expect(res.json.error.message).toMatch(/^The owner deleted this board/)
    expect(res.json.error.details.deletedBy).toBeNull()
  })

  it('refuses a malformed participant header with 400 and keeps the board', async () => {
    const board = await newBoard()
    const res = await call(`/api/boards/${board.id}`, {
      key: board.ownerKey,
      method: 'DELETE',
      headers: { 'x-participant': 'short' },
    })
    expect(res.status).toBe(400)
    expect((await call(`/api/boards/${board.id}`, { key: board.ownerKey })).status).toBe(200)
  })
})

describe('sync sockets of a deleted board', () => {
  const closeOf = (client: TestClient) => client.closed

  it('are closed with 4410 BoardDeleted for everyone on it when it is deleted', async () => {
    const board = await newBoard()
    const clients = (['owner', 'edit', 'view'] as const).map((role) =>
      connectClient(server.wsUrl, board.id, { params: { key: keyOf(board, role) } }),
    )
    try {
      await Promise.all(clients.map((c) => c.synced))
      await deleteAsOwner(board)
      for (const closed of await Promise.all(clients.map(closeOf))) {
        expect(closed).toEqual({
          code: CloseCodes.BoardDeleted.code,
          reason: CloseCodes.BoardDeleted.reason,
        })
      }
    } finally {
      for (const c of clients) c.destroy()
    }
  })

  it('are refused with 4410 when they connect with a valid key, and 4404 without one', async () => {
    const board = await newBoard({ deleted: true })
    const withKey = openRawSocket(server.wsUrl, `${board.id}?key=${keyOf(board, 'view')}`)
    const withoutKey = openRawSocket(server.wsUrl, board.id)
    expect((await withKey.closed).code).toBe(CloseCodes.BoardDeleted.code)
    expect((await withoutKey.closed).code).toBe(CloseCodes.BoardNotFound.code)
  })
})
