import { execFile, execFileSync } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { inject } from 'vitest'
import { freePort } from './freePort.js'

const run = promisify(execFile)

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this test run's PostgreSQL template (see postgresGlobalSetup.ts). */
    postgresRunDir: string
  }
}

/** A throwaway PostgreSQL server of the test run: its own folder, its own free port. */
export interface TestPostgres {
  /** A URL for a new, empty database on this server. */
  createDatabase(): Promise<string>
  /** Stops the server as a crash or an operator would (`fast`: connections are cut). */
  stop(): Promise<void>
  /** Starts it again on the same port and folder, with everything it stored. */
  start(): Promise<void>
  /** Stops it and removes its folder. */
  destroy(): Promise<void>
}

/** The newest installed PostgreSQL's programs (Debian's `postgresql` package). */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] && join(root, versions[0], 'bin')
}

type Run = (program: string, args: string[]) => Promise<unknown>

interface PostgresRunner {
  run: Run
  /** The same, synchronously: for a process 'exit' hook, where nothing asynchronous runs. */
  runSync: (program: string, args: string[]) => void
  owner?: { uid: number; gid: number }
}

/** Runs PostgreSQL's programs, as the `postgres` user when this process is root. */
async function postgresRunner(): Promise<PostgresRunner> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql')
  const asRoot = userInfo().uid === 0
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args]
  const runner: PostgresRunner = {
    run: (program, args) => run(...command(program, args)),
    runSync: (program, args) => execFileSync(...command(program, args), { stdio: 'ignore' }),
  }
  if (!asRoot) return runner
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout)
  return { ...runner, owner: { uid: await id('-u'), gid: await id('-g') } }
}

let ownRunDir: string | undefined
/**
 * Outside vitest's workers (the bench), or in a project without the global setup: one folder
 * for this process's template, removed when the process exits.
 */
function processRunDir(): string {
  if (ownRunDir) return ownRunDir
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-pg-run-'))
  ownRunDir = dir
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * An initialised data folder to copy: `initdb` takes seconds, a copy a few milliseconds. It is
 * made once per test run (in the folder the global setup gives, removed after the run); when
 * both workers need it at once, each makes one and the first to finish is kept.
 */
async function templateCluster(runPostgres: Run, chown: (dir: string) => void): Promise<string> {
  let runDir: string | undefined
  try {
    runDir = inject('postgresRunDir')
  } catch {
    // Outside vitest's workers: inject throws.
  }
  runDir ??= processRunDir()
  // The postgres user must be able to pass through it.
  chmodSync(runDir, 0o755)
  const template = join(runDir, 'template')
  if (existsSync(template)) return template
  const making = mkdtempSync(join(runDir, 'making-'))
  chown(making)
  await runPostgres('initdb', [
    '-D',
    join(making, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
  ])
  try {
    renameSync(making, template)
  } catch (error) {
    if (!existsSync(template)) throw error
    rmSync(making, { recursive: true, force: true })
  }
  return template
}

/**
 * Starts a PostgreSQL server for one test file, in its own folder on a free port. PostgreSQL
 * refuses to run as root, so as root its programs run as the `postgres` user, in a folder that
 * user owns. Durability is traded for speed (no fsync): these databases live for one file.
 * `durable` keeps PostgreSQL's own defaults instead (fsync, synchronous commit), as a deployment
 * runs: the bench measures with it. Should the process exit without `destroy`, the server is
 * stopped and its folder removed all the same.
 */
export async function startTestPostgres(
  options: { durable?: boolean } = {},
): Promise<TestPostgres> {
  const { run: runPostgres, runSync, owner } = await postgresRunner()
  const chown = (dir: string) => owner && chownSync(dir, owner.uid, owner.gid)
  const template = await templateCluster(runPostgres, chown)
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-pg-'))
  const data = join(dir, 'data')
  // A copy keeps owners and modes when made by root; otherwise this user owns both.
  cpSync(join(template, 'data'), data, { recursive: true, preserveTimestamps: true })
  if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, dir])
  const removeOnExit = () => {
    try {
      runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch {
      // Not running.
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', removeOnExit)
  const fast = options.durable
    ? ''
    : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'
  let port = await freePort()
  const start = async () => {
    await runPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -h 127.0.0.1${fast}`,
      'start',
    ])
  }
  // Another process may take the free port before the server binds it: try another.
  for (let attempt = 0; ; attempt++) {
    try {
      await start()
      break
    } catch (error) {
      if (attempt >= 2) throw error
      port = await freePort()
    }
  }
  let databases = 0
  return {
    async createDatabase() {
      const name = `board_${++databases}`
      const admin = new pg.Client({
        connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY`)
      } finally {
        await admin.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    async stop() {
      await runPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
    },
    start,
    async destroy() {
      process.off('exit', removeOnExit)
      await runPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
        () => undefined,
      )
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
