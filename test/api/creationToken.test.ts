import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const CreationToken = 'team-only-creation-token-2026'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({
    env: { OPEN_INSTANCE: 'false', BOARD_CREATION_TOKEN: CreationToken },
  })
})
afterAll(() => server.cleanup())

const create = async (authorization?: string, url = server.url) => {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ title: 'Quarterly planning' }),
  })
  return { status: res.status, json: (await res.json()) as any }
}

const boardCount = async () =>
  (await server.server.context.persistence.listBoards({ deleted: false })).length

describe('when the operator sets a creation token', () => {
  it('refuses to create a board without it, with 401 creation_token_required', async () => {
    const before = await boardCount()
    const res = await create()
    expect(res.status).toBe(401)
    expect(res.json.error.code).toBe('creation_token_required')
    expect(res.json.error.message).toMatch(/creation token/)
    expect(await boardCount()).toBe(before)
  })

  it.each([
    ['another token', `Bearer ${CreationToken}-not`],
    ['a prefix of it', `Bearer ${CreationToken.slice(0, 10)}`],
    ['a board key', `Bearer ${'k'.repeat(43)}`],
  ])('refuses %s with 403 creation_token_refused', async (_name, authorization) => {
    const before = await boardCount()
    const res = await create(authorization)
    expect(res.status).toBe(403)
    expect(res.json.error.code).toBe('creation_token_refused')
    expect(await boardCount()).toBe(before)
  })

  it('creates the board with it', async () => {
    const res = await create(`Bearer ${CreationToken}`)
    expect(res.status).toBe(201)
    expect(res.json.title).toBe('Quarterly planning')
    expect(res.json.ownerKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('asks for it only to create: looking boards up and using them need board keys alone', async () => {
    const { json: board } = await create(`Bearer ${CreationToken}`)
    const lookup = await fetch(`${server.url}/api/boards/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [board.ownerKey] }),
    })
    expect(lookup.status).toBe(200)
    const read = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.ownerKey}` },
    })
    expect(read.status).toBe(200)
  })
})

describe('when no creation token is set', () => {
  it('lets anyone create a board, as before', async () => {
    const open = await startTestServer()
    try {
      expect((await create(undefined, open.url)).status).toBe(201)
    } finally {
      await open.cleanup()
    }
  })

  it('stops the server at start-up for a token too weak to keep anyone out', () => {
    expect(() => loadConfig({ BOARD_CREATION_TOKEN: 'short' })).toThrow(/BOARD_CREATION_TOKEN/)
    expect(() => loadConfig({ BOARD_CREATION_TOKEN: 'has spaces in it, sixteen+' })).toThrow(
      /BOARD_CREATION_TOKEN/,
    )
    expect(loadConfig({ BOARD_CREATION_TOKEN: '' }).http.boardCreationToken).toBeNull()
  })
})
