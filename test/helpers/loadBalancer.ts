import { connect, createServer, type Socket } from 'node:net'

/** A TCP round-robin proxy in front of server instances, without sticky sessions. */
export interface LoadBalancer {
  /** `http://127.0.0.1:<port>` of the proxy. */
  url: string
  wsUrl: string
  port: number
  /** Replaces the instances new connections go to (`http://host:port` each). */
  setBackends(backends: readonly string[]): void
  /** How many proxied connections are open to each backend now, by its url. */
  openConnections(): Map<string, number>
  /** Stops accepting and cuts every proxied connection. */
  close(): Promise<void>
}

interface Backend {
  url: string
  host: string
  port: number
}

const parseBackend = (url: string): Backend => {
  const { hostname, port } = new URL(url)
  return { url, host: hostname, port: Number(port) }
}

/**
 * Starts a round-robin TCP proxy on a free port, as a load balancer without sticky sessions
 * would be: each new connection goes to the next backend; a backend that refuses the
 * connection (a killed instance) is skipped for the next one, so clients of a lost instance
 * reconnect through the proxy to a live one. When either side of a proxied connection
 * closes, the other is cut, as a dead instance's sockets would be.
 */
export async function startLoadBalancer(backends: readonly string[]): Promise<LoadBalancer> {
  let pool = backends.map(parseBackend)
  let next = 0
  const sockets = new Set<Socket>()
  const open = new Map<Socket, string>()

  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }

  /** Connects `client` to the first backend from the round-robin position that accepts. */
  const route = (client: Socket) => {
    // The backends as they are now: a later setBackends applies to later connections.
    const list = pool
    const candidates = list.length
    const first = next
    next = (next + 1) % Math.max(candidates, 1)
    const attempt = (tried: number) => {
      if (client.destroyed) return
      if (tried >= candidates) {
        client.destroy()
        return
      }
      const backend = list[(first + tried) % candidates]!
      const upstream = connect(backend.port, backend.host)
      track(upstream)
      const abandon = () => upstream.destroy()
      client.once('close', abandon)
      upstream.once('error', () => undefined)
      upstream.once('connect', () => {
        client.off('close', abandon)
        open.set(client, backend.url)
        // Until piped, the client's bytes wait in its paused stream: nothing is lost.
        client.pipe(upstream)
        upstream.pipe(client)
        const cut = () => {
          open.delete(client)
          client.destroy()
          upstream.destroy()
        }
        client.once('close', cut)
        upstream.once('close', cut)
        client.once('error', cut)
        upstream.once('error', cut)
      })
      upstream.once('close', () => {
        // Refused (nothing listens there any more): the next backend.
        if (!open.has(client) && !client.destroyed) {
          client.off('close', abandon)
          attempt(tried + 1)
        }
      })
    }
    attempt(0)
  }

  const server = createServer((client) => {
    track(client)
    client.on('error', () => client.destroy())
    route(client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as { port: number }
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    port,
    setBackends(list) {
      pool = list.map(parseBackend)
      next = next % Math.max(pool.length, 1)
    },
    openConnections() {
      const counts = new Map<string, number>()
      for (const backend of open.values()) counts.set(backend, (counts.get(backend) ?? 0) + 1)
      return counts
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
