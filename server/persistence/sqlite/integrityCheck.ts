import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../../logger.js'
import { DatabaseFileName } from './SqlitePersistence.js'

/** Written next to the database while a server runs; removed at a clean shutdown. */
export const RunMarkerSuffix = '.running'

export const databasePath = (dataDir: string) => join(dataDir, DatabaseFileName)
export const walPath = (dataDir: string) => `${databasePath(dataDir)}-wal`
export const runMarkerPath = (dataDir: string) => `${databasePath(dataDir)}${RunMarkerSuffix}`

/** What the marker file says about the process that wrote it. */
export interface RunMarkerContents {
  pid: number
  host: string
  startedAt: number
}

/** How the previous run ended, judged from the marker and the write-ahead log. */
export type PreviousRun =
  /** No database yet. */
  | 'first'
  /** The previous run removed its marker. */
  | 'clean'
  /** The previous run did not shut down cleanly; SQLite recovers from the write-ahead log. */
  | 'unclean'
  /** The previous run did not shut down cleanly and its write-ahead log is gone. */
  | 'unclean-wal-missing'

export interface RunMarker {
  previousRun: PreviousRun
  /** Removes the marker; call after the database is closed. Safe to call more than once. */
  markStopped(): void
}

/** Reads the marker, or undefined when there is none (or it cannot be parsed). */
export function readRunMarker(dataDir: string): RunMarkerContents | undefined {
  const path = runMarkerPath(dataDir)
  if (!existsSync(path)) return undefined
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<RunMarkerContents>
    return {
      pid: typeof parsed.pid === 'number' ? parsed.pid : 0,
      host: typeof parsed.host === 'string' ? parsed.host : '',
      startedAt: typeof parsed.startedAt === 'number' ? parsed.startedAt : 0,
    }
  } catch {
    return { pid: 0, host: '', startedAt: 0 }
  }
}

/**
 * Whether a server appears to be using the database: a marker exists and its process is alive
 * on this host. A marker from another host (a shared volume) counts as running, since it
 * cannot be told apart; a marker whose process is gone was left by a crash.
 */
export function serverAppearsRunning(dataDir: string): {
  running: boolean
  marker?: RunMarkerContents
} {
  const marker = readRunMarker(dataDir)
  if (!marker) return { running: false }
  if (marker.host && marker.host !== hostname()) return { running: true, marker }
  if (!marker.pid || marker.pid === process.pid) return { running: false, marker }
  try {
    process.kill(marker.pid, 0)
    return { running: true, marker }
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return { running: (error as { code?: string }).code === 'EPERM', marker }
  }
}

/**
 * Call before the database is opened. Judges how the previous run ended (a marker left behind
 * means it did not shut down cleanly; if then the write-ahead log is missing, the edits it held
 * are gone) and writes a fresh marker. Call `markStopped()` after the database is closed.
 */
export function markRunning(dataDir: string, log: Logger): RunMarker {
  const dbPath = databasePath(dataDir)
  const markerPath = runMarkerPath(dataDir)
  let previousRun: PreviousRun = 'clean'
  if (!existsSync(dbPath)) previousRun = 'first'
  else if (existsSync(markerPath)) {
    previousRun = existsSync(walPath(dataDir)) ? 'unclean' : 'unclean-wal-missing'
  }
  const previous = previousRun === 'first' ? undefined : readRunMarker(dataDir)
  if (previousRun === 'unclean') {
    log.warn('store.unclean_shutdown', {
      database: dbPath,
      previousPid: previous?.pid,
      previousStartedAt: previous?.startedAt,
      message:
        'the previous run did not shut down cleanly; SQLite recovers from the write-ahead log',
    })
  } else if (previousRun === 'unclean-wal-missing') {
    log.error('store.wal_missing', {
      database: dbPath,
      missing: walPath(dataDir),
      previousPid: previous?.pid,
      previousStartedAt: previous?.startedAt,
      message:
        'the write-ahead log is missing after an unclean shutdown: edits since the last checkpoint ' +
        'may be lost; restore from a backup if they matter, then run `npm run doctor` ' +
        '(see docs/operations.md)',
    })
  }

  try {
    const contents: RunMarkerContents = {
      pid: process.pid,
      host: hostname(),
      startedAt: Date.now(),
    }
    writeFileSync(markerPath, `${JSON.stringify(contents)}\n`)
  } catch (error) {
    log.warn('store.run_marker_failed', { path: markerPath, error: String(error) })
  }

  let stopped = false
  return {
    previousRun,
    markStopped() {
      if (stopped) return
      stopped = true
      try {
        // Only our own marker: another process may have taken over the directory since.
        const current = readRunMarker(dataDir)
        if (current && current.pid !== process.pid) return
        rmSync(markerPath, { force: true })
      } catch (error) {
        log.warn('store.run_marker_failed', { path: markerPath, error: String(error) })
      }
    },
  }
}

/** What the start-up check found. */
export interface IntegrityReport {
  /**
   * `ok`: quick_check passed; `problems`: it listed damage; `absent`: no database file yet;
   * `failed`: the check could not run (the file could not be opened or read).
   */
  status: 'ok' | 'problems' | 'absent' | 'failed'
  /** quick_check's messages (at most `MaxReportedProblems`) when status is `problems`. */
  problems: string[]
  /** Why the check could not run, when status is `failed`. */
  error?: string
  durationMs: number
}

export const MaxReportedProblems = 100

// Runs in a child process as plain CommonJS, so it needs no TypeScript loader; it prints its
// result as one line of JSON.
const CheckSource = `
const [driver, file, max] = process.argv.slice(1)
let db
let result
try {
  const Database = require(driver)
  db = new Database(file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  result = { rows: db.prepare('PRAGMA quick_check(' + Number(max) + ')').pluck().all() }
} catch (error) {
  const code = error && typeof error.code === 'string' ? error.code + ': ' : ''
  result = { error: code + (error && error.message ? error.message : String(error)) }
} finally {
  try { if (db) db.close() } catch {}
}
process.stdout.write(JSON.stringify(result) + '\\n')
`

/**
 * Runs `PRAGMA quick_check` on a read-only connection in a child process, so the server's event
 * loop is not blocked, and logs what it finds. Never rejects: a check that cannot run is logged
 * and reported as `failed`. The child does not keep the server alive.
 *
 * A child process rather than a worker thread: a worker's isolate and its malloc arena leave
 * several MB in the server's resident memory after it ends, for a check that runs once.
 */
export function startIntegrityCheck({
  dataDir,
  log,
}: {
  dataDir: string
  log: Logger
}): Promise<IntegrityReport> {
  const started = Date.now()
  const file = databasePath(dataDir)
  return new Promise<IntegrityReport>((resolve) => {
    let settled = false
    const finish = (report: Omit<IntegrityReport, 'durationMs'>) => {
      if (settled) return
      settled = true
      const full: IntegrityReport = { ...report, durationMs: Date.now() - started }
      try {
        if (full.status === 'ok') {
          log.info('store.integrity_ok', { database: file, durationMs: full.durationMs })
        } else if (full.status === 'problems') {
          log.error('store.integrity_problems', {
            database: file,
            durationMs: full.durationMs,
            problems: full.problems,
            message:
              'the database file is damaged; run `npm run doctor` to see which boards are ' +
              'affected, and restore from a backup or salvage them (see docs/operations.md)',
          })
        } else if (full.status === 'failed') {
          log.error('store.integrity_check_failed', { database: file, error: full.error })
        }
      } catch {
        // A logger that throws must not turn into a rejection.
      }
      resolve(full)
    }

    try {
      if (!existsSync(file)) {
        finish({ status: 'absent', problems: [] })
        return
      }
      const driver = createRequire(import.meta.url).resolve('better-sqlite3')
      const child = spawn(
        process.execPath,
        // Plain CommonJS whatever flags started the server (a loader, `--input-type=module`).
        ['-e', CheckSource, driver, file, String(MaxReportedProblems)],
        { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NODE_OPTIONS: '' } },
      )
      child.unref()
      const output = child.stdout
      ;(output as { unref?: () => void }).unref?.()
      let text = ''
      output.setEncoding('utf8')
      output.on('data', (chunk: string) => (text += chunk))
      child.on('error', (error) => finish({ status: 'failed', problems: [], error: String(error) }))
      child.on('close', (code) => {
        let message: { rows?: string[]; error?: string } | undefined
        try {
          message = JSON.parse(text) as typeof message
        } catch {
          // Nothing (or not the whole line) was written: the check stopped early.
        }
        if (!message) {
          finish({
            status: 'failed',
            problems: [],
            error: `the check stopped early (exit code ${code})`,
          })
        } else if (message.error !== undefined) {
          finish({ status: 'failed', problems: [], error: message.error })
        } else if (message.rows?.length === 1 && message.rows[0] === 'ok') {
          finish({ status: 'ok', problems: [] })
        } else finish({ status: 'problems', problems: message.rows ?? [] })
      })
    } catch (error) {
      finish({ status: 'failed', problems: [], error: String(error) })
    }
  })
}
