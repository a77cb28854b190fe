import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatedTokenSchema, TokenListSchema } from '../../shared/api/hypotheses.js'
import { apiClient, type Api } from '../helpers/api.js'
import { createOwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api
beforeAll(async () => {
  server = await startTestServer()
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

describe('ingestion tokens, managed by the board’s owner', () => {
  it('shows a new token once and lists tokens by name only', async () => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const res = await api(`/api/boards/${boardId}/tokens`, {
      body: { name: 'nightly training' },
      token,
    })
    expect(res.status).toBe(201)
    const created = CreatedTokenSchema.parse(res.json)
    expect(created.name).toBe('nightly training')
    expect(created.token.length).toBeGreaterThan(40)

    const list = await api(`/api/boards/${boardId}/tokens`, { token })
    expect(list.status).toBe(200)
    const { tokens } = TokenListSchema.parse(list.json)
    expect(tokens).toEqual([
      { id: created.id, name: 'nightly training', createdAt: expect.any(String) },
    ])
    expect(list.text).not.toContain(created.token)
  })

  it('stores only a hash of the token', async () => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const secret = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'x' }, token })).json
      .token as string
    const { readFileSync, readdirSync } = await import('node:fs')
    const files = readdirSync(server.dataDir).map((f) => `${server.dataDir}/${f}`)
    for (const file of files) expect(readFileSync(file).includes(secret)).toBe(false)
  })

  it('revokes a token: it leaves the list and cannot be revoked twice', async () => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const { id } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'old' }, token }))
      .json
    const path = `/api/boards/${boardId}/tokens/${id}`
    expect((await api(path, { method: 'DELETE', token })).status).toBe(204)
    expect((await api(`/api/boards/${boardId}/tokens`, { token })).json.tokens).toEqual([])
    const again = await api(path, { method: 'DELETE', token })
    expect(again.status).toBe(404)
  })

  it('does not revoke a token through another board', async () => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const other = await createOwnedBoard(server.url)
    const { id } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'mine' }, token }))
      .json
    const elsewhere = `/api/boards/${other.id}/tokens/${id}`
    expect((await api(elsewhere, { method: 'DELETE', token: other.ownerKey })).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/tokens`, { token })).json.tokens).toHaveLength(1)
  })

  it.each([
    ['an empty name', { name: '  ' }],
    ['no name', {}],
    ['an unknown field', { name: 'x', scope: 'all' }],
  ])('refuses %s with a 400', async (_n, body) => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const res = await api(`/api/boards/${boardId}/tokens`, { body, token })
    expect(res.status).toBe(400)
  })

  it('refuses anyone without the owner key with 403, and changes nothing', async () => {
    const { id: boardId, ownerKey: token } = await createOwnedBoard(server.url)
    const { id } = (await api(`/api/boards/${boardId}/tokens`, { body: { name: 'ci' }, token }))
      .json
    // An open instance makes everyone an editor: editing is not managing.
    const create = await api(`/api/boards/${boardId}/tokens`, { body: { name: 'mine now' } })
    expect(create.status).toBe(403)
    expect(create.json.error.code).toBe('forbidden')
    expect(create.json.error.message).toMatch(/only the board’s owner/i)
    expect((await api(`/api/boards/${boardId}/tokens`)).status).toBe(403)
    const revoke = await api(`/api/boards/${boardId}/tokens/${id}`, { method: 'DELETE' })
    expect(revoke.status).toBe(403)
    expect((await api(`/api/boards/${boardId}/tokens`, { token })).json.tokens).toEqual([
      expect.objectContaining({ id, name: 'ci' }),
    ])
  })

  it('answers 404 for a board that does not exist', async () => {
    const res = await api('/api/boards/AAAAAAAAAAAAAAAAAAAAAA/tokens', { body: { name: 'x' } })
    expect(res.status).toBe(404)
  })
})
