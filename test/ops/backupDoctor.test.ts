import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { backupMain } from '../../server/cli/backup.js'
import { doctorMain } from '../../server/cli/doctor.js'
import type { Logger } from '../../server/logger.js'
import { examineDatabase, salvageBoard } from '../../server/persistence/sqlite/boardDoctor.js'
import {
  databasePath,
  markRunning,
  runMarkerPath,
  startIntegrityCheck,
  walPath,
} from '../../server/persistence/sqlite/integrityCheck.js'
import { backupDatabase } from '../../server/persistence/sqlite/onlineBackup.js'
import { createSqlitePersistence } from '../../server/persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../../server/persistence/types.js'

const root = resolve(import.meta.dirname, '../..')
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-ops-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A Logger that keeps what it is given. */
function recordingLog() {
  const records: { level: string; event: string; fields?: Record<string, unknown> }[] = []
  const log: Logger = {
    info: (event, fields) => records.push({ level: 'info', event, ...(fields ? { fields } : {}) }),
    warn: (event, fields) => records.push({ level: 'warn', event, ...(fields ? { fields } : {}) }),
    error: (event, fields) =>
      records.push({ level: 'error', event, ...(fields ? { fields } : {}) }),
  }
  return { log, records }
}

function captureIo() {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err }
}

/** A board whose doc writes every update to the store as it happens. */
function boardWriter(store: Persistence, boardId: string, title = boardId) {
  store.createBoard({ id: boardId, title, now: Date.now() })
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => void store.appendUpdate(boardId, update, Date.now()))
  return doc
}

/** Replays a board's rows the way the server loads it. */
function loadBoard(dataDir: string, boardId: string) {
  const store = createSqlitePersistence(dataDir, { durability: 'relaxed' })
  try {
    const stored = store.loadDocument(boardId) as { updates: Uint8Array[] }
    const doc = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return { doc, rows: stored.updates.length }
  } finally {
    void store.close()
  }
}

/** Random bytes that are not a Yjs update. */
function garbageUpdate() {
  for (;;) {
    const bytes = new Uint8Array(randomBytes(64))
    try {
      Y.decodeUpdate(bytes)
    } catch {
      return bytes
    }
  }
}

/** Overwrites every page of the file that contains `marker`; returns the page numbers. */
function damagePagesContaining(file: string, marker: string) {
  const bytes = readFileSync(file)
  const raw = bytes.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  const needle = Buffer.from(marker)
  const pages = new Set<number>()
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
    pages.add(Math.floor(at / pageSize))
  }
  for (const page of pages) bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize)
  writeFileSync(file, bytes)
  return [...pages].map((p) => p + 1)
}

/**
 * Two healthy boards, one with a garbage row between good ones, and one whose large update
 * sits on pages that get overwritten after the database is closed.
 */
async function damagedDatabase() {
  const dir = tempDir()
  const store = createSqlitePersistence(dir, { durability: 'relaxed' })
  const healthy1 = boardWriter(store, 'healthy-1', 'Healthy one')
  healthy1.getMap('tldraw').set('shape:a', '{"id":"shape:a"}')
  const garbage = boardWriter(store, 'garbage', 'Garbage row')
  garbage.getMap('tldraw').set('shape:g1', '{"id":"shape:g1"}')
  garbage.getText('notes').insert(0, 'kept text')
  const garbageSeq = await store.appendUpdate('garbage', garbageUpdate(), Date.now())
  garbage.getMap('tldraw').set('shape:g2', '{"id":"shape:g2"}')
  const damaged = boardWriter(store, 'damaged', 'Damaged pages')
  damaged.getMap('tldraw').set('shape:d1', '{"id":"shape:d1"}')
  // One large update: the marker lies in the middle of its overflow pages.
  damaged.transact(() => {
    const text = damaged.getText('big')
    text.insert(0, 'p'.repeat(12_000))
    text.insert(text.length, 'MARKER-DAMAGED-PAGE-7f3a')
    text.insert(text.length, 'q'.repeat(40_000))
  })
  const healthy2 = boardWriter(store, 'healthy-2', 'Healthy two')
  healthy2.getText('notes').insert(0, 'still fine')
  await store.close()
  const pages = damagePagesContaining(databasePath(dir), 'MARKER-DAMAGED-PAGE-7f3a')
  expect(pages.length).toBeGreaterThan(0)
  expect(pages).not.toContain(1)
  return { dir, garbageSeq }
}

describe('backup', () => {
  it('copies a database that another process keeps writing to, and the copy holds the boards', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir, { durability: 'full' })
    const docs = Array.from({ length: 5 }, (_, i) => boardWriter(store, `board-${i}`))
    for (const [i, doc] of docs.entries()) doc.getMap('tldraw').set('shape:first', `{"i":${i}}`)
    await new Promise((r) => setImmediate(r))

    const target = join(tempDir(), 'copy.sqlite')
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', target], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))

    // Keep writing (and creating boards) until the backup process is done.
    let done = false
    void exited.then(() => (done = true))
    let n = 0
    while (!done) {
      for (const doc of docs) doc.getMap('tldraw').set(`shape:${n}`, `{"n":${n}}`)
      if (n % 50 === 0) boardWriter(store, `late-${n}`).getText('t').insert(0, 'late')
      n++
      await new Promise((r) => setImmediate(r))
    }
    const code = await exited
    await store.close()
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(n).toBeGreaterThan(0)
    expect(out).toContain(target)
    expect(out).toMatch(/\d+ boards/)

    const copy = new Database(target, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const ids = copy.prepare('SELECT id FROM boards').pluck().all() as string[]
    expect(ids).toEqual(expect.arrayContaining(docs.map((_, i) => `board-${i}`)))
    // Every board in the copy replays, and has at least what was there before the backup.
    for (const id of ids) {
      const rows = copy
        .prepare('SELECT data FROM doc_updates WHERE board_id = ? ORDER BY seq')
        .pluck()
        .all(id) as Buffer[]
      const doc = new Y.Doc()
      for (const row of rows) Y.applyUpdate(doc, row)
      if (id.startsWith('board-')) expect(doc.getMap('tldraw').has('shape:first')).toBe(true)
    }
    copy.close()
  }, 60_000)

  it('refuses to overwrite a file without --force, and never the live database', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir, { durability: 'relaxed' })
    boardWriter(store, 'one').getText('t').insert(0, 'x')
    const target = join(tempDir(), 'copy.sqlite')
    writeFileSync(target, 'something else')

    const first = captureIo()
    expect(backupMain([target], { DATA_DIR: dir }, first.io)).toBe(1)
    expect(first.err.join('\n')).toMatch(/already exists.*--force/)
    expect(readFileSync(target, 'utf8')).toBe('something else')

    const forced = captureIo()
    expect(backupMain([target, '--force'], { DATA_DIR: dir }, forced.io)).toBe(0)
    expect(forced.out.join('\n')).toMatch(/1 boards/)

    const live = captureIo()
    expect(backupMain([databasePath(dir), '--force'], { DATA_DIR: dir }, live.io)).toBe(1)
    expect(live.err.join('\n')).toMatch(/live database/)

    const missing = captureIo()
    expect(backupMain([join(tempDir(), 'x.sqlite')], { DATA_DIR: tempDir() }, missing.io)).toBe(1)
    expect(missing.err.join('\n')).toMatch(/No database/)
    expect(backupMain([], { DATA_DIR: dir }, captureIo().io)).toBe(2)
    await store.close()
    expect(() => backupDatabase({ dataDir: dir, target, force: true })).not.toThrow()
  })
})

describe('doctor', () => {
  it('lists a board with a garbage row and one with damaged pages; healthy boards pass', async () => {
    const { dir, garbageSeq } = await damagedDatabase()
    const db = new Database(databasePath(dir), { readonly: true })
    const report = examineDatabase(db)
    db.close()

    expect(report.integrity).not.toEqual(['ok'])
    const status = Object.fromEntries(report.boards.map((b) => [b.boardId, b.status]))
    expect(status).toEqual({
      'healthy-1': 'ok',
      'healthy-2': 'ok',
      garbage: 'unreadable',
      damaged: 'unreadable',
    })
    const garbage = report.boards.find((b) => b.boardId === 'garbage')!
    expect(garbage.problems).toEqual([
      { seq: garbageSeq, cause: expect.stringMatching(/not a valid update/) },
    ])
    const damaged = report.boards.find((b) => b.boardId === 'damaged')!
    expect(damaged.problems).toHaveLength(1)
    expect(damaged.problems[0]!.cause).toMatch(/cannot be read: SQLITE_CORRUPT/)

    const { io, out } = captureIo()
    expect(doctorMain([], { DATA_DIR: dir }, io)).toBe(1)
    const text = out.join('\n')
    expect(text).toMatch(/Integrity check: \d+ problem/)
    expect(text).toMatch(/Boards: 4 checked: 2 ok, 2 unreadable/)
    expect(text).toContain(`seq ${garbageSeq}: not a valid update`)
    expect(text).toMatch(/damaged "Damaged pages".*\n\s+seq \d+: cannot be read: SQLITE_CORRUPT/)
    expect(text).toContain('npm run doctor -- --salvage')
    expect(text).not.toMatch(/healthy-/)
  })

  it('reports a healthy database as healthy', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir, { durability: 'relaxed' })
    boardWriter(store, 'a').getText('t').insert(0, 'hello')
    const { io, out } = captureIo()
    // The server may be running: the check opens the file read-only.
    expect(doctorMain([], { DATA_DIR: dir }, io)).toBe(0)
    expect(out.join('\n')).toMatch(
      /Integrity check: ok[\s\S]*1 ok, 0 unreadable[\s\S]*No problems found/,
    )
    await store.close()
  })

  it('salvages a board from its good rows, quarantines the originals, and the board loads', async () => {
    const { dir, garbageSeq } = await damagedDatabase()
    const before = new Database(databasePath(dir), { readonly: true })
    const originals = before
      .prepare("SELECT seq FROM doc_updates WHERE board_id = 'garbage' ORDER BY seq")
      .pluck()
      .all() as number[]
    before.close()

    const { io, out } = captureIo()
    expect(doctorMain(['--salvage', 'garbage'], { DATA_DIR: dir }, io)).toBe(0)
    const text = out.join('\n')
    expect(text).toContain(`kept ${originals.length - 1} stored update(s)`)
    expect(text).toContain('dropped 1:')
    expect(text).toContain(`seq ${garbageSeq}: not a valid update`)
    expect(text).toMatch(/appended the rebuilt board as seq \d+/)

    const db = new Database(databasePath(dir), { readonly: true })
    const quarantined = db
      .prepare(
        "SELECT seq, reason FROM quarantined_updates WHERE board_id = 'garbage' ORDER BY seq",
      )
      .all() as { seq: number; reason: string }[]
    expect(quarantined.map((q) => q.seq)).toEqual(originals)
    expect(quarantined.find((q) => q.seq === garbageSeq)!.reason).toMatch(/dropped/)
    expect(quarantined.filter((q) => /kept/.test(q.reason))).toHaveLength(originals.length - 1)
    // The original rows are still there.
    expect(
      db.prepare("SELECT count(*) FROM doc_updates WHERE board_id = 'garbage'").pluck().get(),
    ).toBe(originals.length + 1)
    db.close()

    // The server's load path sees only the rebuilt row, and it replays to the good content.
    const { doc, rows } = loadBoard(dir, 'garbage')
    expect(rows).toBe(1)
    expect([...doc.getMap('tldraw').keys()].sort()).toEqual(['shape:g1', 'shape:g2'])
    expect(doc.getText('notes').toString()).toBe('kept text')

    // A second salvage has nothing to do.
    const again = captureIo()
    expect(doctorMain(['--salvage', 'garbage'], { DATA_DIR: dir }, again.io)).toBe(0)
    expect(again.out.join('\n')).toMatch(/nothing to salvage/)
  })

  it('salvages a board whose pages are damaged, keeping what still reads', async () => {
    const { dir } = await damagedDatabase()
    const db = new Database(databasePath(dir))
    const result = salvageBoard(db, 'damaged')
    db.close()
    expect(result.kept).toHaveLength(1)
    expect(result.dropped).toHaveLength(1)
    expect(result.dropped[0]!.cause).toMatch(/SQLITE_CORRUPT/)

    const { doc } = loadBoard(dir, 'damaged')
    expect(doc.getMap('tldraw').get('shape:d1')).toBe('{"id":"shape:d1"}')
    expect(doc.getText('big').length).toBe(0)
    expect(loadBoard(dir, 'healthy-2').doc.getText('notes').toString()).toBe('still fine')

    const check = new Database(databasePath(dir), { readonly: true })
    const status = Object.fromEntries(
      examineDatabase(check).boards.map((b) => [b.boardId, b.status]),
    )
    check.close()
    expect(status.damaged).toBe('ok')
    expect(status['healthy-1']).toBe('ok')
  })

  it('refuses to salvage while the server appears to be running unless --force', async () => {
    const { dir } = await damagedDatabase()
    // A marker naming a live process on this host, as a running server leaves it.
    writeFileSync(
      runMarkerPath(dir),
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now() }),
    )
    const refused = captureIo()
    expect(doctorMain(['--salvage', 'garbage'], { DATA_DIR: dir }, refused.io)).toBe(1)
    expect(refused.err.join('\n')).toMatch(/appears to be running[\s\S]*--force/)

    const forced = captureIo()
    expect(doctorMain(['--salvage', 'garbage', '--force'], { DATA_DIR: dir }, forced.io)).toBe(0)
    expect(forced.out.join('\n')).toMatch(/keeps a board it has open in memory/)
  })
})

describe('start-up integrity check', () => {
  it('reports ok on a healthy file the server has open', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir, { durability: 'full' })
    const doc = boardWriter(store, 'a')
    doc.getText('t').insert(0, 'hello')
    await new Promise((r) => setImmediate(r))
    const { log, records } = recordingLog()
    const report = await startIntegrityCheck({ dataDir: dir, log })
    expect(report.status).toBe('ok')
    expect(records.map((r) => `${r.level} ${r.event}`)).toEqual(['info store.integrity_ok'])
    await store.close()
  })

  it('reports damage, an unreadable file and a missing file without rejecting', async () => {
    const { dir } = await damagedDatabase()
    const damaged = recordingLog()
    const report = await startIntegrityCheck({ dataDir: dir, log: damaged.log })
    expect(report.status).toBe('problems')
    expect(report.problems.length).toBeGreaterThan(0)
    expect(damaged.records[0]).toMatchObject({ level: 'error', event: 'store.integrity_problems' })

    const notADatabase = tempDir()
    writeFileSync(databasePath(notADatabase), 'this is not a database file'.repeat(200))
    const bad = recordingLog()
    const failed = await startIntegrityCheck({ dataDir: notADatabase, log: bad.log })
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/SQLITE_NOTADB/)
    expect(bad.records[0]).toMatchObject({ level: 'error', event: 'store.integrity_check_failed' })

    const empty = recordingLog()
    expect((await startIntegrityCheck({ dataDir: tempDir(), log: empty.log })).status).toBe(
      'absent',
    )
  })

  it('tells a clean shutdown from a crash, and a crash whose write-ahead log was deleted', async () => {
    const dir = tempDir()
    const { log, records } = recordingLog()

    const first = markRunning(dir, log)
    expect(first.previousRun).toBe('first')
    expect(existsSync(runMarkerPath(dir))).toBe(true)
    const store = createSqlitePersistence(dir, { durability: 'full' })
    boardWriter(store, 'a').getText('t').insert(0, 'checkpointed')
    await store.close()
    first.markStopped()
    expect(existsSync(runMarkerPath(dir))).toBe(false)

    const second = markRunning(dir, log)
    expect(second.previousRun).toBe('clean')
    expect(records).toEqual([])

    // A writer process dies without closing: its marker and write-ahead log stay behind.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
         db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
         db.prepare('INSERT INTO doc_updates (board_id, data) VALUES (?, ?)').run('a', Buffer.from([0]));
         process.stdout.write('written\\n'); setInterval(() => {}, 1000)`,
        databasePath(dir),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((r) => child.stdout.once('data', () => r()))
    const killed = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await killed
    expect(existsSync(walPath(dir))).toBe(true)

    const third = markRunning(dir, log)
    expect(third.previousRun).toBe('unclean')
    expect(records.map((r) => `${r.level} ${r.event}`)).toEqual(['warn store.unclean_shutdown'])

    // Someone deletes the write-ahead log by hand before the next start.
    rmSync(walPath(dir))
    const fourth = markRunning(dir, log)
    expect(fourth.previousRun).toBe('unclean-wal-missing')
    expect(records.at(-1)).toMatchObject({ level: 'error', event: 'store.wal_missing' })
    expect(String(records.at(-1)!.fields!.message)).toMatch(
      /write-ahead log is missing after an unclean shutdown: edits since the last checkpoint may be lost/,
    )
    fourth.markStopped()
    expect(existsSync(runMarkerPath(dir))).toBe(false)
  })
})
