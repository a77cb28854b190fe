import { readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard, openRawSocket } from '../helpers/clients.js'
import {
  makeDataDir,
  startServerProcess,
  startTestServer,
  type ServerProcess,
} from '../helpers/server.js'

const MiB = 1024 * 1024

/** The resident memory of a process, from /proc, in bytes. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)
  if (!kb) throw new Error('no VmRSS')
  return Number(kb[1]) * 1024
}

/**
 * Sends `totalBytes` of body (chunked unless `contentLength` is set), in 1 MiB writes that wait
 * for the socket, until the server answers. Resolves with the answer; once it has come, errors
 * from the rest of the upload (the server may close the connection) are expected.
 */
function upload(
  url: string,
  totalBytes: number,
  options: { contentLength?: number } = {},
): Promise<{ status: number; body: string; sent: number }> {
  const chunk = Buffer.alloc(MiB, 0x61)
  return new Promise((resolve, reject) => {
    let answered = false
    let sent = 0
    // Keep-alive, as browsers send it: the server then reads and discards the rest of the body
    // for a moment before closing, so the answer arrives before the connection is reset.
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      connection: 'keep-alive',
    }
    if (options.contentLength !== undefined) headers['content-length'] = options.contentLength
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      answered = true
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (text: string) => (body += text))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, sent })
        req.destroy()
      })
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, sent }))
    })
    req.on('error', (error) => {
      if (!answered) reject(new Error(`${url} after ${sent} bytes: ${error.message}`))
    })
    const write = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', write)
          return
        }
      }
      if (!answered) req.end()
    }
    write()
  })
}

/** Opens a raw TCP connection and resolves with what the server sent once it closes it. */
function rawConnection(port: number, onConnect: (socket: ReturnType<typeof connect>) => void) {
  const socket = connect(port, '127.0.0.1')
  const started = Date.now()
  return new Promise<{ received: string; afterMs: number }>((resolve) => {
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (text: string) => (received += text))
    socket.on('error', () => {})
    socket.on('close', () => resolve({ received, afterMs: Date.now() - started }))
    socket.on('connect', () => onConnect(socket))
  })
}

describe('request limits on a server process', () => {
  const dataDir = makeDataDir()
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess(dataDir, {
      // Access is enforced: the large bodies below carry no key.
      OPEN_INSTANCE: 'false',
      HTTP_HEADERS_TIMEOUT_MS: '500',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
    })
  }, 30_000)

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('refuses a 100 MiB body sent without a key with 413 while reading, not after', async () => {
    const pid = server.child.pid!
    const noBoard = `${server.url}/api/boards/AAAAAAAAAAAAAAAAAAAAAA`
    // The same paths once, so what they load is not counted below.
    expect((await upload(`${server.url}/api/boards`, 4 * MiB)).status).toBe(413)
    for (const path of ['canvases', 'assets']) {
      const warm = await upload(`${noBoard}/${path}`, 4 * MiB, { contentLength: 100 * MiB })
      expect(warm.status).toBe(413)
    }
    const before = rssOf(pid)

    // No Content-Length: refused once 1 MiB has streamed in.
    const streamed = await upload(`${server.url}/api/boards`, 100 * MiB)
    expect(streamed.status).toBe(413)
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'payload_too_large' } })
    expect(streamed.sent).toBeLessThan(100 * MiB)

    // A declared Content-Length over the limit is refused before anything is read, on a board
    // route too (before the key is looked at).
    const declared = await upload(`${noBoard}/canvases`, 100 * MiB, { contentLength: 100 * MiB })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body)).toMatchObject({ error: { code: 'payload_too_large' } })

    // Routes with their own larger limits refuse a larger declared body the same way.
    const image = await upload(`${noBoard}/assets`, 100 * MiB, { contentLength: 100 * MiB })
    expect(image.status).toBe(413)

    expect(rssOf(pid) - before).toBeLessThan(10 * MiB)
  }, 60_000)

  it('closes a connection whose request head does not arrive in time', async () => {
    const closed = await rawConnection(0 + Number(new URL(server.url).port), (socket) =>
      socket.write('POST /api/boards HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: applic'),
    )
    expect(closed.received).toMatch(/^HTTP\/1\.1 408/)
    expect(closed.afterMs).toBeGreaterThanOrEqual(400)
    expect(closed.afterMs).toBeLessThan(10_000)
  }, 20_000)

  it('closes a connection whose body trickles in, and leaves open WebSockets alone', async () => {
    const boardId = await ownerBoard(server.url)
    // A sync socket opened before and still open after a whole request timeout.
    const ws = openRawSocket(server.wsUrl, `${boardId.id}?key=${boardId.key}`)
    await ws.opened

    let trickle: NodeJS.Timeout | undefined
    const closed = await rawConnection(Number(new URL(server.url).port), (socket) => {
      socket.write(
        `PATCH /api/boards/${boardId.id} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Authorization: Bearer ${boardId.key}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 1000\r\n\r\n{',
      )
      // One byte every 50 ms: the connection stays busy but the request never completes in time.
      trickle = setInterval(() => socket.write(' '), 50)
    })
    clearInterval(trickle)
    expect(closed.afterMs).toBeGreaterThanOrEqual(1400)
    expect(closed.afterMs).toBeLessThan(10_000)

    expect(ws.socket.readyState).toBe(ws.socket.OPEN)
    const before = ws.messages.length
    // The server answers a sync step 1 with step 2 on a socket that outlived the timeout.
    ws.socket.send(new Uint8Array([0, 0, 1, 0]))
    await expect.poll(() => ws.messages.length, { timeout: 5000 }).toBeGreaterThan(before)
    ws.socket.close()
  }, 20_000)
})

/** Creates a board and returns its id and owner key. */
async function ownerBoard(url: string): Promise<{ id: string; key: string }> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Limits' }),
  })
  expect(res.status).toBe(201)
  const body = (await res.json()) as { id: string; ownerKey: string }
  return { id: body.id, key: body.ownerKey }
}

describe('board creation rate limit', () => {
  it('answers 429 rate_limited with Retry-After once an address has created its share', async () => {
    const s = await startTestServer({ env: { BOARD_CREATE_RATE_LIMIT: '3' } })
    try {
      for (let i = 0; i < 3; i++) await createBoard(s.url)
      const refused = await fetch(`${s.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'One too many' }),
      })
      expect(refused.status).toBe(429)
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
      // Reading boards is not limited.
      expect((await fetch(`${s.url}/api/boards`)).status).toBe(200)
    } finally {
      await s.cleanup()
    }
  })

  it('counts per forwarded address only behind a trusted proxy', async () => {
    const post = (url: string, forwardedFor: string) =>
      fetch(`${url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: '{}',
      })
    const trusting = await startTestServer({
      env: { BOARD_CREATE_RATE_LIMIT: '1', TRUST_PROXY: 'true' },
    })
    const direct = await startTestServer({ env: { BOARD_CREATE_RATE_LIMIT: '1' } })
    try {
      // The proxy's own entry is the last one; what the client put before it is not trusted.
      expect((await post(trusting.url, '10.0.0.9, 203.0.113.1')).status).toBe(201)
      expect((await post(trusting.url, '10.0.0.9, 203.0.113.1')).status).toBe(429)
      expect((await post(trusting.url, '10.0.0.9, 203.0.113.2')).status).toBe(201)
      // Without TRUST_PROXY the header is ignored: both come from 127.0.0.1.
      expect((await post(direct.url, '203.0.113.1')).status).toBe(201)
      expect((await post(direct.url, '203.0.113.2')).status).toBe(429)
    } finally {
      await trusting.cleanup()
      await direct.cleanup()
    }
  })
})
