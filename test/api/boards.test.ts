import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init
  return fetch(`${server.url}${path}`, {
    ...rest,
    headers: json === undefined ? rest.headers : { 'content-type': 'application/json' },
    body: json === undefined ? rest.body : JSON.stringify(json),
  })
}

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_ASSET_BYTES: '2048' } })
})
afterAll(() => server.cleanup())

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

describe('REST API', () => {
  it('answers the health check', async () => {
    expect(await (await api('/api/health')).json()).toEqual({ ok: true })
  })

  describe('boards', () => {
    it('creates, lists, reads, renames, deletes and restores a board', async () => {
      const created = await api('/api/boards', { method: 'POST', json: { title: 'Framing' } })
      expect(created.status).toBe(201)
      const board = (await created.json()) as { id: string; title: string; ownerKey: string }
      const asOwner = { authorization: `Bearer ${board.ownerKey}` }
      expect(board.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(board.title).toBe('Framing')

      const list = (await (await api('/api/boards')).json()) as { boards: { id: string }[] }
      expect(list.boards.map((b) => b.id)).toContain(board.id)

      const renamed = await api(`/api/boards/${board.id}`, {
        method: 'PATCH',
        json: { title: 'Renamed' },
      })
      expect(((await renamed.json()) as { title: string }).title).toBe('Renamed')

      const deleted = await api(`/api/boards/${board.id}`, { method: 'DELETE', headers: asOwner })
      expect(deleted.status).toBe(200)
      // An open instance lets everyone reach every board: a deleted one answers 410.
      expect((await api(`/api/boards/${board.id}`)).status).toBe(410)
      const live = (await (await api('/api/boards')).json()) as { boards: { id: string }[] }
      expect(live.boards.map((b) => b.id)).not.toContain(board.id)
      const trash = (await (await api('/api/boards?deleted=true')).json()) as {
        boards: { id: string }[]
      }
      expect(trash.boards.map((b) => b.id)).toContain(board.id)

      const restored = await api(`/api/boards/${board.id}/restore`, {
        method: 'POST',
        headers: asOwner,
      })
      expect(restored.status).toBe(200)
      expect(((await restored.json()) as { deletedAt: string | null }).deletedAt).toBeNull()
      expect((await api(`/api/boards/${board.id}`)).status).toBe(200)
    })

    it('gives a board a default title when none is sent', async () => {
      const res = await api('/api/boards', { method: 'POST', json: {} })
      expect(((await res.json()) as { title: string }).title).toBe('Untitled board')
    })

    it.each([
      ['an empty title', { title: '   ' }],
      ['a title that is not a string', { title: 42 }],
      ['an unknown field', { title: 'x', owner: 'me' }],
      ['a title that is too long', { title: 'x'.repeat(201) }],
    ])('refuses %s with a JSON 400', async (_name, body) => {
      const res = await api('/api/boards', { method: 'POST', json: body })
      expect(res.status).toBe(400)
      const json = (await res.json()) as { error: { code: string; message: string } }
      expect(json.error.code).toBe('invalid_body')
      expect(json.error.message.length).toBeGreaterThan(0)
    })

    it('refuses a body that is not JSON with a JSON 400', async () => {
      const res = await api('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{nope',
      })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_body')
    })

    it('answers 404 with a JSON error for an unknown board and 400 for a malformed id', async () => {
      const unknown = await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA')
      expect(unknown.status).toBe(404)
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
        'board_not_found',
      )
      expect((await api('/api/boards/not-an-id')).status).toBe(400)
    })

    it('answers unknown API paths with a JSON 404', async () => {
      const res = await api('/api/nothing-here')
      expect(res.status).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
    })
  })

  describe('image uploads', () => {
    const upload = async (boardId: string, body: Uint8Array<ArrayBuffer>, type: string) =>
      api(`/api/boards/${boardId}/assets`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })
    let boardId: string
    beforeAll(async () => {
      const res = await api('/api/boards', { method: 'POST', json: { title: 'Images' } })
      boardId = ((await res.json()) as { id: string }).id
    })

    it('stores an image and serves it back under its board', async () => {
      const res = await upload(boardId, PNG, 'image/png')
      expect(res.status).toBe(201)
      const { id, src } = (await res.json()) as { id: string; src: string }
      expect(src).toBe(`/api/boards/${boardId}/assets/${id}`)
      const served = await api(src)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG)
    })

    it('refuses a type that is not an accepted image with 415', async () => {
      const res = await upload(boardId, new TextEncoder().encode('<svg/>'), 'image/svg+xml')
      expect(res.status).toBe(415)
    })

    it('refuses a file whose bytes do not match its declared type with 415', async () => {
      const res = await upload(boardId, new TextEncoder().encode('<script>'), 'image/png')
      expect(res.status).toBe(415)
    })

    it('refuses an image over the size limit with 413', async () => {
      const big = new Uint8Array(4096)
      big.set(PNG)
      const res = await upload(boardId, big, 'image/png')
      expect(res.status).toBe(413)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'payload_too_large',
      )
    })
  })
})

describe('OpenAPI document', () => {
  it('is served by the app and describes every REST path', async () => {
    const res = await api('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toMatch(/^3\./)
    for (const path of [
      '/api/boards',
      '/api/boards/{boardId}',
      '/api/boards/{boardId}/restore',
      '/api/boards/{boardId}/assets',
      '/api/boards/{boardId}/assets/{assetId}',
      '/api/boards/{boardId}/canvases',
      '/api/boards/{boardId}/canvases/{canvasId}',
      '/api/boards/{boardId}/export.md',
      '/api/boards/{boardId}/import',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
  })
})
