import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { withTimeout } from './wait.js'

/**
 * The reference y-websocket server (`@y/websocket-server`, what its `y-websocket-server` command
 * runs: an HTTP server, `ws` and `setupWSConnection`), started as its own process on a free port
 * so the bench can drive it with the same clients as ours. It keeps documents in memory only.
 */
export interface ReferenceServer {
  wsUrl: string
  pid: number
  stop(): Promise<void>
}

// Plain JavaScript for plain `node`: the figures must not include a TypeScript loader.
const Source = `
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'
const server = http.createServer((_req, res) => { res.writeHead(200); res.end('ok') })
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
})
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))
`

export async function startReferenceServer(): Promise<ReferenceServer> {
  // Any YPERSISTENCE, even empty, would make it store documents in LevelDB.
  const { YPERSISTENCE: _ignored, ...env } = process.env
  return startScriptServer(Source, 'reference server', env)
}

/**
 * Runs `source` (plain JavaScript printing `listening <port>` once it listens on 127.0.0.1) as
 * its own `node` process from the project folder; `what` names it in errors.
 */
export async function startScriptServer(
  source: string,
  what: string,
  env: NodeJS.ProcessEnv,
): Promise<ReferenceServer> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    cwd: resolve(import.meta.dirname, '..'),
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  process.once('exit', () => child.kill('SIGKILL'))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const port = await withTimeout(
    new Promise<number>((done, fail) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening (\d+)/.exec(out)
        if (match) done(Number(match[1]))
      })
      child.once('exit', (code) => fail(new Error(`${what} exited (${code})`)))
    }),
    30_000,
    `${what} start`,
  )
  if (child.pid === undefined) throw new Error(`${what} has no pid`)
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM')
      await withTimeout(exited, 10_000, `${what} exit`)
    },
  }
}
