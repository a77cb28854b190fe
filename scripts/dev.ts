import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { createServer } from 'vite'

/**
 * `npm run dev`: the API and sync server under `tsx watch` (it restarts when server/ or shared/
 * change) and the Vite dev server with hot reload in front of it, proxying /api and /sync
 * (WebSocket upgrades included). Open the Vite URL. PORT is Vite's port (5173), API_PORT the
 * server's (8787); DATA_DIR and the other settings go to the server as in `npm start`.
 */

const root = resolve(import.meta.dirname, '..')
const apiPort = process.env.API_PORT ?? '8787'
process.env.API_PORT = apiPort

const tsxCli = join(
  dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
  'dist/cli.mjs',
)
const api: ChildProcess = spawn(
  process.execPath,
  [tsxCli, 'watch', '--clear-screen=false', 'server/main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, HOST: process.env.HOST ?? '127.0.0.1' },
  },
)

const vite = await createServer({ configFile: resolve(root, 'vite.config.ts') })
await vite.listen()
vite.printUrls()

let stopping = false
const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  api.kill('SIGTERM')
  await vite.close()
  process.exit(code)
}
api.once('exit', (code) => {
  if (!stopping) console.error(`the API server stopped (exit ${code}); stopping the dev server`)
  void stop(code ?? 1)
})
process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))
