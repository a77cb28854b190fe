import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedTokenSchema, TokenListSchema } from '../../shared/api/hypotheses.js'
import { apiClient, type Api } from '../helpers/api.js'
import { createBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api
beforeAll(async () => {
  server = await startTestServer()
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

describe('ingestion tokens', () => {
  it('shows a new token once and lists tokens by name only', async () => {
    const boardId = await createBoard(server.url)
    const res = await api(`/api/boards/${boardId}/tokens`, { body: { name: 'nightly training' } })
    expect(res.status).toBe(201)
    const created = CreatedTokenSchema.parse(res.json)
    expect(created.name).toBe('nightly training')
    expect(created.token.length).toBeGreaterThan(40)

    const list = await api(`/api/boards/${boardId}/tokens`)
    expect(list.status).toBe(200)
    const { tokens } = TokenListSchema.parse(list.json)
    expect(tokens).toEqual([
      { id: created.id, name: 'nightly training', createdAt: expect.any(String) },
    ])
    expect(list.text).not.toContain(created.token)
  })

  it('stores only a hash of the token', async () => {
    const boardId = await createBoard(server.url)
    const { token } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'x' } })).json
    const { readFileSync, readdirSync } = await import('node:fs')
    const files = readdirSync(server.dataDir).map((f) => `${server.dataDir}/${f}`)
    for (const file of files) expect(readFileSync(file).includes(token)).toBe(false)
  })

  it('revokes a token: it leaves the list and cannot be revoked twice', async () => {
    const boardId = await createBoard(server.url)
    const { id } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'old' } })).json
    const path = `/api/boards/${boardId}/tokens/${id}`
    expect((await api(path, { method: 'DELETE' })).status).toBe(204)
    expect((await api(`/api/boards/${boardId}/tokens`)).json.tokens).toEqual([])
    const again = await api(path, { method: 'DELETE' })
    expect(again.status).toBe(404)
  })

  it('does not revoke a token through another board', async () => {
    const boardId = await createBoard(server.url)
    const other = await createBoard(server.url)
    const { id } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'mine' } })).json
    expect((await api(`/api/boards/${other}/tokens/${id}`, { method: 'DELETE' })).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/tokens`)).json.tokens).toHaveLength(1)
  })

  it.each([
    ['an empty name', { name: '  ' }],
    ['no name', {}],
    ['an unknown field', { name: 'x', scope: 'all' }],
  ])('refuses %s with a 400', async (_n, body) => {
    const boardId = await createBoard(server.url)
    const res = await api(`/api/boards/${boardId}/tokens`, { body })
    expect(res.status).toBe(400)
  })

  it('answers 404 for a board that does not exist', async () => {
    const res = await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/tokens', { body: { name: 'x' } })
    expect(res.status).toBe(404)
  })
})
