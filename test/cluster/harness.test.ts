import { createServer as createHttpServer, request, type Server } from 'node:http'
import { createServer as createTcpServer, connect, type Socket } from 'node:net'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startLoadBalancer, type LoadBalancer } from '../helpers/loadBalancer.js'
import { startTestRedis, type TestRedis } from '../helpers/redis.js'

// The multi-instance tests stand on these helpers: they must do what they claim.

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** An HTTP server on a free port that answers every request with its name. */
async function namedBackend(name: string): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((_req, res) => res.end(name))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, server }
}

/** One GET on a connection of its own, so each request is a new connection to the balancer. */
const nameBehind = (balancer: LoadBalancer) =>
  new Promise<string>((resolve, reject) => {
    const req = request(balancer.url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    })
    req.once('error', reject)
    req.end()
  })

const balance = async (backends: string[]) => {
  const balancer = await startLoadBalancer(backends)
  cleanups.push(() => balancer.close())
  return balancer
}

describe('the load balancer of the multi-instance tests', () => {
  it('sends each new connection to the next backend, in turn', async () => {
    const a = await namedBackend('a')
    const b = await namedBackend('b')
    const balancer = await balance([a.url, b.url])
    const names: string[] = []
    for (let i = 0; i < 4; i++) names.push(await nameBehind(balancer))
    expect(names).toEqual(['a', 'b', 'a', 'b'])
  })

  it('skips a backend that refuses connections, and follows setBackends', async () => {
    const a = await namedBackend('a')
    const b = await namedBackend('b')
    const balancer = await balance([a.url, b.url])
    await new Promise((resolve) => a.server.close(resolve))
    const names: string[] = []
    for (let i = 0; i < 3; i++) names.push(await nameBehind(balancer))
    expect(names).toEqual(['b', 'b', 'b'])

    const c = await namedBackend('c')
    balancer.setBackends([c.url])
    expect(await nameBehind(balancer)).toBe('c')
  })

  it('cuts the client when its backend goes away, and counts open connections', async () => {
    const held: Socket[] = []
    const backend = createTcpServer((socket) => held.push(socket))
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => backend.close(resolve)))
    const url = `http://127.0.0.1:${(backend.address() as { port: number }).port}`
    const balancer = await balance([url])

    const client = connect(balancer.port, '127.0.0.1')
    const closed = new Promise((resolve) => client.once('close', resolve))
    client.on('error', () => undefined)
    await vi.waitFor(() => expect(held).toHaveLength(1))
    expect(balancer.openConnections()).toEqual(new Map([[url, 1]]))

    held[0]!.destroy()
    await closed
    await vi.waitFor(() => expect(balancer.openConnections().size).toBe(0))
  })
})

describe('the Redis server of the multi-instance tests', () => {
  const started: TestRedis[] = []
  afterEach(async () => {
    for (const redis of started.splice(0)) await redis.destroy()
  })

  it('answers on its port, drops its clients when stopped, and comes back empty on the same port', async () => {
    const redis = await startTestRedis()
    started.push(redis)
    // Reconnects on its own, as the server's client does.
    const client = new Redis(redis.url, { retryStrategy: () => 20, maxRetriesPerRequest: null })
    cleanups.push(() => client.disconnect())
    // It reports each failed reconnect while the server is down.
    client.on('error', () => undefined)
    await client.set('key', 'value')
    expect(await client.get('key')).toBe('value')

    const dropped = new Promise((resolve) => client.once('close', resolve))
    await redis.stop()
    await dropped
    const refused = await new Promise<string | undefined>((resolve) => {
      const probe = connect(redis.port, '127.0.0.1')
      probe.once('connect', () => resolve(undefined))
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code))
    })
    expect(refused).toBe('ECONNREFUSED')

    await redis.start()
    expect(await client.get('key')).toBeNull()
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`)
  })
})
