import { createServer } from 'node:net'

/**
 * A port nobody listens on right now. Another process may take it before the caller binds it,
 * so callers that start a server on it try another port when that fails.
 */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
