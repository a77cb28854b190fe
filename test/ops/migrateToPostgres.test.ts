import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { BoardKeysHeader } from '../../shared/api/links.js'
import { getDraftRecords } from '../../shared/doc/draftDoc.js'
import { checkoutMetrics } from '../helpers/api.js'
import { connectClient, type TestClient } from '../helpers/clients.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server.js'
import { createPostgresPersistence } from '../../server/persistence/postgres/PostgresPersistence.js'
import { createSqlitePersistence } from '../../server/persistence/sqlite/SqlitePersistence.js'
import { databasePath } from '../../server/persistence/sqlite/integrityCheck.js'
import Database from 'better-sqlite3'

const root = resolve(import.meta.dirname, '../..')
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2])
/** A participant secret as a browser keeps it, one per person. */
const secret = (who: string) => `${who}-`.padEnd(40, 'x')

let postgres: TestPostgres
const servers: TestServer[] = []
const clients: TestClient[] = []
const dirs: string[] = []
beforeAll(async () => {
  postgres = await startTestPostgres()
})
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  await postgres?.destroy()
})

/** `npm run migrate-to-postgres` as an operator runs it, in a process of its own. */
function runMigration(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/migrateToPostgres.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: '', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  return new Promise<{ code: number | null; out: string; err: string }>((done) =>
    child.once('exit', (code) => done({ code, out, err })),
  )
}

interface Board {
  id: string
  title: string
  ownerKey: string
  links: { role: string; key: string }[]
}

/** REST calls to one server, as the holder of a board's key. */
function restOf(s: TestServer) {
  return async (
    path: string,
    init: { key?: string; body?: unknown; method?: string; who?: string; type?: string } = {},
  ) => {
    const res = await fetch(`${s.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
        ...(init.who ? { 'x-participant': secret(init.who) } : {}),
        ...(init.body === undefined ? {} : { 'content-type': init.type ?? 'application/json' }),
      },
      body:
        init.body === undefined
          ? undefined
          : init.body instanceof Uint8Array
            ? (init.body as Uint8Array<ArrayBuffer>)
            : JSON.stringify(init.body),
    })
    const bytes = new Uint8Array(await res.arrayBuffer())
    const text = Buffer.from(bytes).toString('utf8')
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, text, json, bytes }
  }
}

const keyOf = (board: Board, role: string) =>
  role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key

/**
 * A SQLite installation filled through the real server: boards with a canvas of each kind, a
 * running hypothesis with measurements posted with a token, an image, a finished vote and a
 * lock, a person's private drafts, and a deleted board.
 */
async function fillInstallation() {
  const s = await startTestServer({ databaseUrl: undefined, env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const rest = restOf(s)
  const create = async (title: string) => {
    const res = await rest('/api/boards', { body: { title } })
    expect(res.status).toBe(201)
    return res.json as Board
  }
  const pricing = await create('Pricing discovery')
  const retro = await create('Retro: Q3')
  const gone = await create('Old experiment')
  const owner = (board: Board) => ({ key: board.ownerKey, who: 'olga' })
  const canvas = async (board: Board, body: unknown) => {
    const res = await rest(`/api/boards/${board.id}/canvases`, { ...owner(board), body })
    expect(res.status).toBe(201)
    return res.json as { id: string; boxes?: Record<string, { id: string }[]> }
  }

  const hypothesis = await canvas(pricing, {
    kind: 'hypothesis',
    title: 'One-page checkout',
    belief: 'a one-page checkout',
    expectedResult: 'more completed orders',
    successSignal: 'conversion reaches 5 %',
    boxes: { problem: ['Checkout drops buyers'] },
    metrics: checkoutMetrics,
  })
  const patched = await rest(`/api/boards/${pricing.id}/canvases/${hypothesis.id}`, {
    ...owner(pricing),
    method: 'PATCH',
    body: { status: 'running' },
  })
  expect(patched.status).toBe(200)
  const token = await rest(`/api/boards/${pricing.id}/tokens`, {
    ...owner(pricing),
    body: { name: 'pipeline' },
  })
  expect(token.status).toBe(201)
  const measured = await rest(
    `/api/boards/${pricing.id}/hypotheses/${hypothesis.id}/measurements`,
    {
      key: token.json.token,
      body: { measurements: [{ metric: 'conversion', value: 4.6, at: '2026-11-02T10:00:00Z' }] },
    },
  )
  expect(measured.status).toBe(200)
  const lean = await canvas(pricing, {
    kind: 'lean',
    title: 'Churn',
    boxes: { problem: ['Users forget', 'Too pricey'] },
  })
  await canvas(pricing, { kind: 'ml', title: 'Churn model', boxes: { features: ['tenure'] } })
  await canvas(pricing, {
    kind: 'vsm',
    title: 'Onboarding flow',
    current: [{ name: 'Sign-up', processMinutes: 5, leadMinutes: 60, completeAccuratePct: 90 }],
  })
  const image = await rest(`/api/boards/${pricing.id}/assets`, {
    key: pricing.ownerKey,
    body: PNG,
    type: 'image/png',
  })
  expect(image.status).toBe(201)

  // A finished dot vote, and a lock on the lean canvas.
  const workshop = (board: Board, body: unknown) =>
    rest(`/api/boards/${board.id}/workshop`, { ...owner(board), body })
  expect(
    (
      await workshop(pricing, {
        type: 'startVoting',
        voting: {
          scope: { kind: 'canvas', canvasId: lean.id },
          votesPerPerson: 2,
          onePerItem: true,
        },
      })
    ).status,
  ).toBe(200)
  for (const who of ['ann', 'ben']) {
    const vote = await rest(`/api/boards/${pricing.id}/votes`, {
      key: keyOf(pricing, 'comment'),
      who,
      body: { voteId: `vote-${who}-1`, itemId: lean.boxes!.problem![0]!.id },
    })
    expect(vote.status).toBe(200)
  }
  expect((await workshop(pricing, { type: 'endVoting' })).status).toBe(200)
  expect(
    (
      await workshop(pricing, {
        type: 'lock',
        scope: { kind: 'canvas', canvasId: lean.id },
        locked: true,
      })
    ).status,
  ).toBe(200)

  // A person's private drafts on the retro board, stored as a document of its own.
  await canvas(retro, { kind: 'lean', title: 'Went well', boxes: { problem: ['Pairing'] } })
  expect(
    (await workshop(retro, { type: 'private', scope: { kind: 'board' }, on: true })).status,
  ).toBe(200)
  const drafts = draftsClient(s, retro, 'ann')
  await drafts.synced
  getDraftRecords(drafts.doc).set('shape:ann-idea', JSON.stringify({ id: 'shape:ann-idea' }))
  const check = draftsClient(s, retro, 'ann')
  await vi.waitFor(() => expect(getDraftRecords(check.doc).has('shape:ann-idea')).toBe(true))
  drafts.destroy()
  check.destroy()

  await canvas(gone, { kind: 'lean', title: 'Parked', boxes: { problem: ['Later'] } })
  expect(
    (await rest(`/api/boards/${gone.id}`, { key: gone.ownerKey, method: 'DELETE' })).status,
  ).toBe(200)

  return {
    s,
    boards: { pricing, retro, gone },
    hypothesisId: hypothesis.id,
    token: token.json.token as string,
    imageSrc: image.json.src as string,
  }
}

function draftsClient(s: TestServer, board: Board, who: string) {
  const c = connectClient(s.wsUrl, board.id, {
    params: { key: keyOf(board, 'edit'), drafts: '1', participant: secret(who) },
    doc: new Y.Doc(),
  })
  clients.push(c)
  return c
}

/** What a server answers about the installation: the same before and after the move. */
async function observe(s: TestServer, installation: Awaited<ReturnType<typeof fillInstallation>>) {
  const rest = restOf(s)
  const { pricing, retro, gone } = installation.boards
  const keys = [pricing, retro, gone].map((b) => b.ownerKey).join(' ')
  const lookup = await rest('/api/boards/lookup', {
    body: { keys: [pricing.ownerKey, retro.ownerKey, gone.ownerKey] },
  })
  const workshop = await rest(`/api/boards/${pricing.id}/workshop`, {
    key: pricing.ownerKey,
    who: 'olga',
  })
  const tracker = await fetch(`${s.url}/api/hypotheses`, { headers: { [BoardKeysHeader]: keys } })
  return {
    lookup: lookup.json,
    boards: await Promise.all(
      [pricing, retro, gone].map(
        async (b) => (await rest(`/api/boards/${b.id}`, { key: b.ownerKey })).json,
      ),
    ),
    markdown: await Promise.all(
      [pricing, retro].map(async (b) => {
        const res = await rest(`/api/boards/${b.id}/export.md`, { key: keyOf(b, 'view') })
        expect(res.status).toBe(200)
        return res.text
      }),
    ),
    image: Buffer.from((await rest(installation.imageSrc, { key: keyOf(pricing, 'view') })).bytes),
    tokens: (await rest(`/api/boards/${pricing.id}/tokens`, { key: pricing.ownerKey })).json,
    tracker: await tracker.json(),
    workshop: { ...workshop.json, serverTime: undefined },
    // The time it was written is the minute it is asked for, not something stored.
    summary: (
      await rest(`/api/boards/${pricing.id}/workshop/summary.md`, { key: pricing.ownerKey })
    ).text.replace(/^Exported .*$/m, 'Exported'),
  }
}

describe('when an operator moves a SQLite installation to PostgreSQL', () => {
  it('copies every board, document, image, token, index row and workshop, and the server on PostgreSQL answers the same', async () => {
    const installation = await fillInstallation()
    const before = await observe(installation.s, installation)
    expect(before.markdown[0]).toContain('One-page checkout')
    expect(before.image).toEqual(Buffer.from(PNG))
    // What is compared holds what was made: the index row, the lock, the vote, the token.
    expect(before.tracker.total).toBe(1)
    expect(before.workshop.state.locks).toHaveLength(1)
    expect(before.summary).toContain('| 1 | Users forget |')
    expect(before.tokens.tokens).toHaveLength(1)
    expect(before.lookup.boards.filter((b: any) => b.deletedAt !== null)).toHaveLength(1)
    await installation.s.stop()

    const url = await postgres.createDatabase()
    const run = await runMigration({ DATA_DIR: installation.s.dataDir, DATABASE_URL: url })
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/board 1\/3 Pricing discovery \(\S+\): ok/)
    expect(run.out).toMatch(/board 2\/3 Retro: Q3 \(\S+\): ok, with 1 private drafts/)
    expect(run.out).toMatch(/board 3\/3 Old experiment \(\S+, deleted\): ok/)
    expect(run.out).toMatch(/Migrated 3 boards \(1 deleted\), \d+ stored updates, 1 images/)

    const after = await startTestServer({
      dataDir: makeDataDir(),
      databaseUrl: url,
      env: { OPEN_INSTANCE: 'false' },
    })
    servers.push(after)
    expect(await observe(after, installation)).toEqual(before)

    // The old token still ingests, and the new edit is stored after the copied ones.
    const { pricing, retro } = installation.boards
    const more = await restOf(after)(
      `/api/boards/${pricing.id}/hypotheses/${installation.hypothesisId}/measurements`,
      {
        key: installation.token,
        body: { measurements: [{ metric: 'conversion', value: 5.2, at: '2026-11-03T10:00:00Z' }] },
      },
    )
    expect(more.status).toBe(200)
    expect(more.json.verdict.verdict).toBe('supported')
    // The person's private drafts came along.
    const drafts = draftsClient(after, retro, 'ann')
    await vi.waitFor(() => expect(getDraftRecords(drafts.doc).has('shape:ann-idea')).toBe(true))

    // A second run into the same database refuses, and changes nothing.
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    try {
      const count = async () =>
        (
          await db.query(
            "SELECT (SELECT COUNT(*) FROM doc_updates) || '/' || (SELECT COUNT(*) FROM boards) AS n",
          )
        ).rows[0].n
      // Stopped first: a server compacts its boards as it unloads them.
      await after.stop()
      const stored = await count()
      const again = await runMigration({ DATA_DIR: installation.s.dataDir, DATABASE_URL: url })
      expect(again.code).toBe(1)
      expect(again.err).toContain('is not empty (3 boards')
      expect(again.err).toContain('drop and recreate that database')
      expect(again.out).toBe('')
      expect(await count()).toBe(stored)
    } finally {
      await db.end()
    }
  })
})

describe('when the migration cannot run', () => {
  it('says DATABASE_URL is missing, and that DATA_DIR holds no database', async () => {
    const dir = makeDataDir()
    dirs.push(dir)
    const noUrl = await runMigration({ DATA_DIR: dir })
    expect(noUrl.code).toBe(1)
    expect(noUrl.err).toContain('DATABASE_URL is not set')

    const url = await postgres.createDatabase()
    const noFile = await runMigration({ DATA_DIR: dir, DATABASE_URL: url })
    expect(noFile.code).toBe(1)
    expect(noFile.err).toContain('No SQLite database at')
  })

  it('refuses while a server runs on the SQLite file, and reports an unreachable database', async () => {
    const s = await startTestServer({ databaseUrl: undefined })
    servers.push(s)
    const url = await postgres.createDatabase()
    const running = await runMigration({ DATA_DIR: s.dataDir, DATABASE_URL: url })
    expect(running.code).toBe(1)
    expect(running.err).toContain('A server appears to be running')
    await s.stop()

    const unreachable = await runMigration({
      DATA_DIR: s.dataDir,
      DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none',
    })
    expect(unreachable.code).toBe(1)
    expect(unreachable.err).toContain('Cannot open the PostgreSQL database')
    expect(unreachable.err).not.toContain('secret')
  })
})

describe('when the copy in PostgreSQL differs from the SQLite file', () => {
  it('names the board, rolls everything back and exits 1', async () => {
    const s = await startTestServer({ databaseUrl: undefined })
    servers.push(s)
    const rest = restOf(s)
    const board = (await rest('/api/boards', { body: { title: 'Roadmap' } })).json as Board
    const added = await rest(`/api/boards/${board.id}/canvases`, {
      body: { kind: 'lean', title: 'Now', boxes: { problem: ['Search'] } },
    })
    expect(added.status).toBe(201)
    await s.stop()

    // A database that alters what it is given: the comparison must catch it.
    const url = await postgres.createDatabase()
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    try {
      const run = async () => {
        const result = await runMigration({ DATA_DIR: s.dataDir, DATABASE_URL: url })
        const { rows } = await db.query<{ n: string }>(
          'SELECT (SELECT COUNT(*) FROM boards) + (SELECT COUNT(*) FROM doc_updates) AS n',
        )
        return { ...result, rows: Number(rows[0]!.n) }
      }
      // The first run creates the schema (and copies); start again on an empty database.
      expect((await run()).code).toBe(0)
      await db.query('TRUNCATE boards, doc_updates, board_keys, workshops, board_versions')
      await db.query(`CREATE FUNCTION pad() RETURNS trigger AS $$
        BEGIN NEW.data := NEW.data || '\\x00'::bytea; RETURN NEW; END $$ LANGUAGE plpgsql`)
      await db.query(
        'CREATE TRIGGER pad BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION pad()',
      )

      const altered = await run()
      expect(altered.code).toBe(1)
      expect(altered.out).toMatch(new RegExp(`board 1/1 Roadmap \\(${board.id}\\): DIFFERS`))
      expect(altered.err).toContain(`for ${board.id}`)
      expect(altered.err).toContain('rolled back')
      expect(altered.rows).toBe(0)
    } finally {
      await db.end()
    }
  })
})

describe('when a board is stored as thousands of updates, one larger than a batch', () => {
  it('copies them all in order, leaves quarantined rows behind, and new updates get higher numbers', async () => {
    const dir = makeDataDir()
    dirs.push(dir)
    const boardId = 'ManyUpdates00000000001'
    const store = createSqlitePersistence(dir, { durability: 'relaxed' })
    store.createBoard({ id: boardId, title: 'Long workshop', now: 1_000 })
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 2_500; i++) doc.getMap('tldraw').set(`shape:${i}`, `{"i":${i}}`)
    doc.getText('notes').insert(0, 'x'.repeat(9 * 1024 * 1024))
    for (const update of updates) await store.appendUpdate(boardId, update, 2_000)
    // A row the doctor set aside: never loaded, so never copied.
    const quarantined = await store.appendUpdate(boardId, new Uint8Array([1, 2, 3]), 3_000)
    await store.close()
    const file = new Database(databasePath(dir))
    file
      .prepare('INSERT INTO quarantined_updates (seq, board_id, reason, at) VALUES (?, ?, ?, ?)')
      .run(quarantined, boardId, 'unreadable', 3_000)
    file.close()

    const url = await postgres.createDatabase()
    const run = await runMigration({ DATA_DIR: dir, DATABASE_URL: url })
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toContain('board 1/1 Long workshop (ManyUpdates00000000001): ok')
    expect(run.out).toContain('left behind: 1 stored updates quarantined')
    expect(run.out).toContain(`Migrated 1 boards (0 deleted), ${updates.length} stored updates`)

    const target = await createPostgresPersistence(url)
    try {
      const loaded = await target.loadDocument(boardId)
      expect(loaded.updates.length).toBe(updates.length)
      const replayed = new Y.Doc()
      for (const update of loaded.updates) Y.applyUpdate(replayed, update)
      // (Buffer.equals: a deep comparison of 9 MiB byte by byte takes a minute.)
      const same = Buffer.from(Y.encodeStateAsUpdate(replayed)).equals(
        Buffer.from(Y.encodeStateAsUpdate(doc)),
      )
      expect(same).toBe(true)
      // Past every number SQLite handed out, the quarantined row's included.
      expect(await target.appendUpdate(boardId, updates[0]!, 4_000)).toBeGreaterThan(quarantined)
    } finally {
      await target.close()
    }
  })
})

describe('when a later version adds a column', () => {
  it('carries a column both stores have without being told, and refuses one PostgreSQL lacks', async () => {
    const dir = makeDataDir()
    dirs.push(dir)
    const store = createSqlitePersistence(dir)
    store.createBoard({ id: 'ColouredBoard000000001', title: 'Coloured', now: 1_000 })
    await store.close()
    const file = new Database(databasePath(dir))
    file.exec("ALTER TABLE boards ADD COLUMN colour TEXT; UPDATE boards SET colour = 'teal'")
    file.close()

    const url = await postgres.createDatabase()
    const target = await createPostgresPersistence(url)
    await target.close()
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    try {
      const refused = await runMigration({ DATA_DIR: dir, DATABASE_URL: url })
      expect(refused.code).toBe(1)
      expect(refused.err).toContain('boards.colour has no counterpart in PostgreSQL')
      expect(refused.err).toContain('Nothing was written')
      expect((await db.query('SELECT * FROM boards')).rows).toEqual([])

      await db.query('ALTER TABLE boards ADD COLUMN colour TEXT')
      const run = await runMigration({ DATA_DIR: dir, DATABASE_URL: url })
      expect(run.err).toBe('')
      expect(run.code).toBe(0)
      expect((await db.query('SELECT id, colour FROM boards')).rows).toEqual([
        { id: 'ColouredBoard000000001', colour: 'teal' },
      ])
    } finally {
      await db.end()
    }
  })
})
