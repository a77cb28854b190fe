import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  body: string
  json: any
}

/** How the receiver answers the nth request (1-based): a status, or no answer at all. */
export type Answer = { status: number } | 'hang'

/**
 * A real HTTP endpoint on a free port that records every webhook it receives and answers as the
 * test says (200 by default).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = []
  const listeners = new Set<() => void>()
  const sockets = new Set<Socket>()
  const hanging = new Set<ServerResponse>()
  let answer: (n: number, hook: ReceivedWebhook) => Answer = () => ({ status: 200 })

  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      let json: any
      try {
        json = JSON.parse(body)
      } catch {
        json = undefined
      }
      const hook = { headers: req.headers, body, json }
      received.push(hook)
      const planned = answer(received.length, hook)
      if (planned === 'hang') hanging.add(res)
      else res.writeHead(planned.status, { 'content-type': 'text/plain' }).end('ok')
      for (const listener of listeners) listener()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    /** Sets how each request is answered from now on. */
    answer(plan: (n: number, hook: ReceivedWebhook) => Answer) {
      answer = plan
    },
    /** Resolves once `count` requests matching `match` have arrived. */
    waitFor(count: number, match: (hook: ReceivedWebhook) => boolean = () => true) {
      return new Promise<ReceivedWebhook[]>((resolve) => {
        const check = () => {
          const found = received.filter(match)
          if (found.length >= count) {
            listeners.delete(check)
            resolve(found)
          }
        }
        listeners.add(check)
        check()
      })
    },
    async close() {
      for (const res of hanging) res.destroy()
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>

/** Whether a delivery's signature header is right for its body and secret, as docs/webhooks.md checks it. */
export function verifySignature(secret: string, body: string, header: string | undefined) {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => p.split('=') as [string, string]),
  )
  if (!parts.t || !parts.v1) return false
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest()
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Polls `check` until it holds; fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
