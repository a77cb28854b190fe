import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadConfig } from '../../server/config.js'
import { createServer, type RunningServer } from '../../server/createServer.js'
import { createSqlitePersistence } from '../../server/persistence/sqlite/SqlitePersistence.js'
import { createPostgresPersistence } from '../../server/persistence/postgres/PostgresPersistence.js'
import type { Persistence } from '../../server/persistence/types.js'
import type { Logger } from '../../server/logger.js'
import { postgresDatabaseFor } from './storeUnderTest.js'

export interface TestServer {
  url: string
  wsUrl: string
  port: number
  dataDir: string
  server: RunningServer
  /** Stops the server; the data directory is kept until `cleanup`. */
  stop(): Promise<void>
  /** Stops the server and removes its data directory. */
  cleanup(): Promise<void>
}

/** A fresh data directory under the system temp dir. */
export const makeDataDir = () => mkdtempSync(join(tmpdir(), 'discovery-board-test-'))

/** Starts the real server in this process on a free port, with its own data directory. */
export async function startTestServer(
  options: {
    dataDir?: string
    env?: Record<string, string>
    now?: () => number
    /** Wraps the real store (fault injection). */
    wrapPersistence?: (store: Persistence) => Persistence
    /** Receives the server's log records instead of dropping them. */
    log?: Logger
    /** PostgreSQL instead of the SQLite file (by default when the test run asks for it). */
    databaseUrl?: string
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeDataDir()
  // The same data directory means the same database: a restarted server finds its boards.
  const databaseUrl = options.databaseUrl ?? (await postgresDatabaseFor(dataDir))
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ROOM_UNLOAD_AFTER_MS: '200',
    // Most tests are about other things than access: they run as one trusted team would.
    // Tests of share links and roles start their server with OPEN_INSTANCE=false.
    OPEN_INSTANCE: 'true',
    // Test files create many boards from one address; the rate limit's own tests set it.
    BOARD_CREATE_RATE_LIMIT: '0',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  })
  const persistence = options.wrapPersistence?.(
    config.databaseUrl
      ? await createPostgresPersistence(config.databaseUrl, { durability: config.durability })
      : createSqlitePersistence(config.dataDir, { durability: config.durability }),
  )
  const server = await createServer(config, {
    ...(options.now ? { now: options.now } : {}),
    ...(persistence ? { persistence } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  const url = `http://127.0.0.1:${server.port}`
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await server.close()
  }
  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    port: server.port,
    dataDir,
    server,
    stop,
    async cleanup() {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface ServerProcess {
  url: string
  wsUrl: string
  child: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<void>
  /** Everything the process has written to stderr so far (its log). */
  stderr(): string
}

/**
 * Node's arguments for the compiled server, exactly as `npm run serve` (and `npm start`) pass
 * them: read from package.json so tests and the bench measure what production runs.
 */
export function compiledServerArgs(): string[] {
  const root = resolve(import.meta.dirname, '../..')
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>
  }
  const [command, ...args] = pkg.scripts.serve!.trim().split(/\s+/)
  if (command !== 'node') throw new Error(`npm run serve does not start node: ${pkg.scripts.serve}`)
  return args
}

/**
 * Starts the server as its own process, for fault tests: from TypeScript
 * (`node --import tsx server/main.ts`), or with `compiled` the built JavaScript as `npm start`
 * runs it (build it first).
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  { compiled = false }: { compiled?: boolean } = {},
): Promise<ServerProcess> {
  const root = resolve(import.meta.dirname, '../..')
  const args = compiled ? compiledServerArgs() : ['--import', 'tsx', 'server/main.ts']
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      OPEN_INSTANCE: 'true',
      BOARD_CREATE_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((res) => child.once('exit', () => res()))
  let err = ''
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const url = await new Promise<string>((res, rej) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match) res(match[1]!.replace('localhost', '127.0.0.1'))
    })
    child.once('exit', (code) => rej(new Error(`server exited with ${code}: ${err}`)))
  })
  return { url, wsUrl: url.replace('http', 'ws'), child, exited, stderr: () => err }
}
