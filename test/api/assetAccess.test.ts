import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

// Images are private to their board: these run with share links, not as an open instance.
let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
})
afterAll(() => server.cleanup())

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2])

interface Board {
  id: string
  ownerKey: string
  links: { role: 'edit' | 'comment' | 'view'; key: string }[]
}

const roles = ['owner', 'edit', 'comment', 'view'] as const
type RoleName = (typeof roles)[number]

const keyOf = (board: Board, role: RoleName) =>
  role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key

function call(path: string, init: { key?: string; method?: string; body?: unknown } = {}) {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

async function createBoard(title: string): Promise<Board> {
  const res = await call('/api/boards', { body: { title } })
  expect(res.status).toBe(201)
  return (await res.json()) as Board
}

/** Uploads the PNG to a board as its owner; returns the asset id and the src to store. */
async function uploadImage(board: Board): Promise<{ id: string; src: string }> {
  const res = await fetch(`${server.url}/api/boards/${board.id}/assets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${board.ownerKey}`, 'content-type': 'image/png' },
    body: PNG,
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; src: string }
}

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code

describe('when an image is uploaded to a board shared by link', () => {
  let board: Board
  let image: { id: string; src: string }
  beforeAll(async () => {
    board = await createBoard('Sketches')
    image = await uploadImage(board)
  })

  it('answers with a src under the board that carries no key', () => {
    expect(image.src).toBe(`/api/boards/${board.id}/assets/${image.id}`)
    for (const role of roles) expect(image.src).not.toContain(keyOf(board, role))
  })

  it.each(roles)('serves it to a %s key, as a header or in the query', async (role) => {
    for (const res of [
      await call(image.src, { key: keyOf(board, role) }),
      await call(`${image.src}?key=${encodeURIComponent(keyOf(board, role))}`),
    ]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('cache-control')).toMatch(/^private\b/)
      expect(res.headers.get('cache-control')).not.toMatch(/public/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
    }
  })

  it('does not serve it without a key, or with a key that opens no board', async () => {
    const none = await call(image.src)
    expect(none.status).toBe(404)
    expect(await errorCode(none)).toBe('board_not_found')
    expect((await call(image.src, { key: 'x'.repeat(43) })).status).toBe(404)
  })

  it('does not serve it with a key of another board, on either board', async () => {
    const other = await createBoard('Someone else’s')
    expect((await call(image.src, { key: other.ownerKey })).status).toBe(404)
    const throughOther = await call(`/api/boards/${other.id}/assets/${image.id}`, {
      key: other.ownerKey,
    })
    expect(throughOther.status).toBe(404)
    expect(await errorCode(throughOther)).toBe('asset_not_found')
  })

  it('no longer serves it at the old public URL, with or without a key', async () => {
    expect((await call(`/api/assets/${image.id}`)).status).toBe(404)
    expect((await call(`/api/assets/${image.id}`, { key: board.ownerKey })).status).toBe(404)
  })

  it('answers a browser holding a copy with 304 only for a key that still opens the board', async () => {
    const first = await call(image.src, { key: keyOf(board, 'view') })
    const etag = first.headers.get('etag')!
    expect(etag).toBeTruthy()
    const again = await fetch(`${server.url}${image.src}`, {
      headers: { authorization: `Bearer ${keyOf(board, 'view')}`, 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
    const stranger = await fetch(`${server.url}${image.src}`, {
      headers: { 'if-none-match': etag },
    })
    expect(stranger.status).toBe(404)
  })
})

describe('when the owner rotates or disables a link', () => {
  it('stops serving the board’s images to the old key at once, and serves them to the new one', async () => {
    const board = await createBoard('Rotated')
    const image = await uploadImage(board)
    const oldView = keyOf(board, 'view')
    expect((await call(image.src, { key: oldView })).status).toBe(200)

    const rotated = await call(`/api/boards/${board.id}/links/view/rotate`, {
      key: board.ownerKey,
      method: 'POST',
    })
    expect(rotated.status).toBe(200)
    const { links } = (await rotated.json()) as { links: { role: string; key: string }[] }
    const freshView = links.find((l) => l.role === 'view')!.key
    expect((await call(image.src, { key: oldView })).status).toBe(404)
    expect((await call(`${image.src}?key=${oldView}`)).status).toBe(404)
    expect((await call(image.src, { key: freshView })).status).toBe(200)

    const comment = keyOf(board, 'comment')
    const disabled = await call(`/api/boards/${board.id}/links/comment`, {
      key: board.ownerKey,
      method: 'PATCH',
      body: { enabled: false },
    })
    expect(disabled.status).toBe(200)
    expect((await call(image.src, { key: comment })).status).toBe(404)
  })
})

describe('when a board is deleted', () => {
  it('serves its images to no key, not even the owner’s, until it is restored', async () => {
    const board = await createBoard('Deleted')
    const image = await uploadImage(board)
    const deleted = await call(`/api/boards/${board.id}`, { key: board.ownerKey, method: 'DELETE' })
    expect(deleted.status).toBe(200)
    for (const role of roles) {
      const res = await call(image.src, { key: keyOf(board, role) })
      expect(res.status).toBe(410)
      expect(await errorCode(res)).toBe('gone')
    }
    expect((await call(image.src)).status).toBe(404)

    const restored = await call(`/api/boards/${board.id}/restore`, {
      key: board.ownerKey,
      method: 'POST',
    })
    expect(restored.status).toBe(200)
    expect((await call(image.src, { key: keyOf(board, 'view') })).status).toBe(200)
  })
})
