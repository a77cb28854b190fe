import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syncPath } from '../../shared/protocol/messages.js'
import { createBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let allowing: TestServer
let boardId: string

beforeAll(async () => {
  ;[server, allowing] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { SYNC_ALLOWED_ORIGINS: 'https://partner.example.com' } }),
  ])
  boardId = await createBoard(server.url, 'Sockets')
})

afterAll(async () => {
  await server?.cleanup()
  await allowing?.cleanup()
})

/** Opens a sync socket with the given Origin; resolves with 'open' or the HTTP status refused. */
function openWithOrigin(target: TestServer, board: string, origin?: string) {
  const socket = new WebSocket(`${target.wsUrl}${syncPath(board)}`, {
    headers: origin ? { origin } : {},
  })
  return new Promise<'open' | number>((resolve, reject) => {
    socket.once('open', () => {
      socket.terminate()
      resolve('open')
    })
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      socket.terminate()
    })
    socket.once('error', reject)
  })
}

describe('when a page on another site opens a sync socket', () => {
  it('is refused with 403, while the app’s own pages and clients without an origin connect', async () => {
    const own = new URL(server.url).origin
    expect(await openWithOrigin(server, boardId, 'https://evil.example')).toBe(403)
    expect(await openWithOrigin(server, boardId, 'null')).toBe(403)
    expect(await openWithOrigin(server, boardId, own)).toBe('open')
    expect(await openWithOrigin(server, boardId)).toBe('open')
  })

  it('connects from the sites the operator allows, and only those', async () => {
    const board = await createBoard(allowing.url, 'Partner')
    expect(await openWithOrigin(allowing, board, 'https://partner.example.com')).toBe('open')
    expect(await openWithOrigin(allowing, board, 'https://other.example.com')).toBe(403)
  })
})
