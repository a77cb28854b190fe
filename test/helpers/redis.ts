import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.js'

/** Debian's `redis-server` package puts the server here. */
const RedisServer = '/usr/bin/redis-server'

/** Whether Debian's `redis-server` is installed. */
export const redisInstalled = () => existsSync(RedisServer)

/** A throwaway Redis server of one test: its own folder, its own free port, nothing saved. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, the same across `stop` and `start`. */
  url: string
  port: number
  /** Kills the server as a crash would (SIGKILL); clients see their connections drop. */
  stop(): Promise<void>
  /** Starts it again on the same port, empty (it saves nothing). */
  start(): Promise<void>
  /** Kills it and removes its folder. */
  destroy(): Promise<void>
}

/** Resolves once the server on `port` answers PING; a refused or dropped connection is false. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setEncoding('utf8')
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk: string) => {
      reply += chunk
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
    socket.once('error', () => done(false))
    socket.once('close', () => done(false))
  })
}

/**
 * Runs redis-server on `port` until it answers PING. Rejects with the server's own output if it
 * exits first (the port was taken, say) or does not answer within `timeoutMs`.
 */
async function launch(port: number, dir: string, timeoutMs = 15_000): Promise<ChildProcess> {
  const child = spawn(
    RedisServer,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const keep = (chunk: Buffer) => (output += chunk.toString())
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let exited = false
  child.once('exit', () => (exited = true))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exited) throw new Error(`redis-server on port ${port} exited: ${output.trim()}`)
    if (await answersPing(port)) return child
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`redis-server on port ${port} did not answer PING: ${output.trim()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const kill = async (child: ChildProcess | undefined) => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

/**
 * Starts a Redis server for one test (Debian's `redis-server`), in its own folder on a free
 * port, saving nothing to disk: a restart comes back empty, as the bus expects.
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (!redisInstalled()) {
    throw new Error('Redis is not installed: apt-get install redis-server')
  }
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-redis-'))
  let port = await freePort()
  let child: ChildProcess | undefined
  // Another process may take the free port before the server binds it: try another.
  for (let attempt = 0; ; attempt++) {
    try {
      child = await launch(port, dir)
      break
    } catch (error) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true })
        throw error
      }
      port = await freePort()
    }
  }
  // Should the test process end without destroy(), the server and its folder go with it.
  const killOnExit = () => {
    child?.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await kill(child)
      child = undefined
    },
    async start() {
      if (child) throw new Error('redis-server is already running')
      child = await launch(port, dir)
    },
    async destroy() {
      process.off('exit', killOnExit)
      await kill(child)
      child = undefined
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
