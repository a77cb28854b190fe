import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type {
  Persistence,
  HypothesisIndexRow,
  StoredDelivery,
  StoredVersion,
  StoredWebhook,
} from '../../server/persistence/types.js'
import { draftDocumentId, draftPrefix } from '../../server/drafts/draftIds.js'
import { postgresKind, sqliteKind } from './stores.js'

/**
 * The persistence contract: every store (the embedded SQLite file and PostgreSQL) passes the
 * same tests, so the server behaves the same on either.
 */
const kinds = [sqliteKind(), sqliteKind('full'), postgresKind()]
afterAll(async () => {
  for (const kind of kinds) await kind.dispose()
})

const bytes = (...values: number[]) => new Uint8Array(values)

const indexRow = (boardId: string, canvasId: string, patch: Partial<HypothesisIndexRow> = {}) => ({
  boardId,
  canvasId,
  title: `Hypothesis ${canvasId}`,
  sentence: 'We believe that…',
  status: 'running',
  metricsJson: '[]',
  latestJson: '{}',
  timeboxStart: null,
  timeboxEnd: null,
  decision: null,
  updatedAt: 1000,
  verdictOpen: 'pending',
  verdictEnded: 'inconclusive',
  ...patch,
})

describe.each(kinds)('the $name store', (kind) => {
  let store: Persistence
  let reopen: () => Promise<Persistence>
  let sql: (statement: string) => Promise<Record<string, unknown>[]>
  beforeEach(async () => {
    ;({ store, reopen, sql } = await kind.open())
  })
  afterEach(async () => {
    await store?.close()
  })

  /** A version as the history keeps it (server/history/). */
  const version = (boardId: string, id: string, createdAt: number): StoredVersion => ({
    boardId,
    id,
    name: null,
    createdAt,
    createdBy: null,
    participants: ['Ann', 'Ben'],
    bytes: 3,
  })

  describe('boards', () => {
    it('creates a board and finds it by id, and nothing for an unknown id', async () => {
      const board = await store.createBoard({ id: 'b1', title: 'Retro', now: 1_000 })
      expect(board).toEqual({
        id: 'b1',
        title: 'Retro',
        createdAt: new Date(1_000).toISOString(),
        updatedAt: new Date(1_000).toISOString(),
        deletedAt: null,
        deletedBy: null,
      })
      expect(await store.getBoard('b1')).toEqual(board)
      expect(await store.getBoard('nope')).toBeUndefined()
    })

    it('lists live boards by last change, newest first, ties by id in byte order', async () => {
      await store.createBoard({ id: 'b', title: 'B', now: 1_000 })
      await store.createBoard({ id: 'a', title: 'A', now: 1_000 })
      await store.createBoard({ id: 'Z', title: 'Z', now: 1_000 })
      await store.createBoard({ id: 'c', title: 'C', now: 3_000 })
      await store.renameBoard('b', 'B2', 2_000)
      const ids = (await store.listBoards({ deleted: false })).map((b) => b.id)
      expect(ids).toEqual(['c', 'b', 'Z', 'a'])
    })

    it('renames a board and marks it changed; renaming an unknown board finds nothing', async () => {
      await store.createBoard({ id: 'b1', title: 'Old', now: 1_000 })
      const renamed = await store.renameBoard('b1', 'New', 2_000)
      expect(renamed).toMatchObject({ title: 'New', updatedAt: new Date(2_000).toISOString() })
      expect(await store.renameBoard('nope', 'X', 2_000)).toBeUndefined()
    })

    it('soft-deletes once, lists deleted boards since a time, and restores them', async () => {
      await store.createBoard({ id: 'old', title: 'Old', now: 1_000 })
      await store.createBoard({ id: 'new', title: 'New', now: 1_000 })
      expect(await store.softDeleteBoard('old', 2_000, 'Ann')).toMatchObject({
        deletedAt: new Date(2_000).toISOString(),
        deletedBy: 'Ann',
      })
      // Deleting again keeps the first time and who it was.
      expect(await store.softDeleteBoard('old', 2_500, 'Bea')).toMatchObject({
        deletedAt: new Date(2_000).toISOString(),
        deletedBy: 'Ann',
      })
      await store.softDeleteBoard('new', 3_000, null)
      expect(await store.getBoard('new')).toMatchObject({ deletedBy: null })
      expect((await store.listBoards({ deleted: false })).map((b) => b.id)).toEqual([])
      expect((await store.listBoards({ deleted: true })).map((b) => b.id)).toEqual(['new', 'old'])
      expect(
        (await store.listBoards({ deleted: true, deletedSince: 2_500 })).map((b) => b.id),
      ).toEqual(['new'])
      const restored = await store.restoreBoard('old', 4_000)
      expect(restored).toMatchObject({
        deletedAt: null,
        deletedBy: null,
        updatedAt: new Date(4_000).toISOString(),
      })
      expect((await store.listBoards({ deleted: false })).map((b) => b.id)).toEqual(['old'])
    })

    it('purges boards deleted before a time with everything they hold, and keeps the rest', async () => {
      const fill = async (id: string) => {
        await store.createBoard({ id, title: id, now: 1_000 })
        await store.appendUpdate(id, bytes(1), 1_000)
        await store.putAsset({
          id: `${id}-asset`,
          boardId: id,
          mimeType: 'image/png',
          data: bytes(1),
          createdAt: 1_000,
        })
        await store.createToken({
          id: `${id}-token`,
          boardId: id,
          name: 't',
          hash: `${id}-hash`,
          createdAt: 1_000,
          revokedAt: null,
        })
        await store.replaceBoardHypotheses(id, [indexRow(id, 'c1')])
        await store.putBoardKey({
          boardId: id,
          role: 'edit',
          key: `${id}-k`,
          hash: `${id}-kh`,
          now: 1,
        })
        await store.saveWorkshopWithPastVotes(
          id,
          '{}',
          [{ votingId: 'v0', endedAt: 1, votingJson: '{}' }],
          1,
          undefined,
        )
        await store.addVote(id, 'v1', { id: 'vote', voterId: 'p', itemId: 'i' }, 1)
        await store.recordParticipant(id, { id: 'p', name: 'Ann', role: 'edit', seenAt: 1 })
        await store.putVersion(version(id, 'v1', 1), new Uint8Array([1, 2, 3]))
      }
      await fill('gone')
      await fill('recent')
      await fill('live')
      await store.softDeleteBoard('gone', 2_000, null)
      await store.softDeleteBoard('recent', 5_000, null)

      expect(await store.purgeDeletedBoards(3_000)).toBe(1)

      expect(await store.getBoard('gone')).toBeUndefined()
      expect(await store.loadDocument('gone')).toEqual({ updates: [], lastSeq: 0, bytes: 0 })
      expect(await store.getAsset('gone', 'gone-asset')).toBeUndefined()
      expect(await store.findTokenByHash('gone-hash')).toBeUndefined()
      expect(await store.findBoardKey('gone-kh')).toBeUndefined()
      expect(await store.loadWorkshop('gone')).toBeUndefined()
      expect(await store.listPastVotes('gone')).toEqual([])
      expect(await store.listVotes('gone', 'v1')).toEqual([])
      expect(await store.listParticipants('gone')).toEqual([])
      expect(await store.listVersions('gone')).toEqual([])
      for (const id of ['recent', 'live']) {
        expect(await store.getBoard(id)).toBeDefined()
        expect((await store.loadDocument(id)).updates).toHaveLength(1)
        expect(await store.findTokenByHash(`${id}-hash`)).toBeDefined()
        expect(await store.listParticipants(id)).toHaveLength(1)
      }
      await store.restoreBoard('recent', 6_000)
      expect(await store.countHypotheses({})).toBe(2)
    })
  })

  describe('documents', () => {
    it('loads an empty log for a board never written', async () => {
      expect(await store.loadDocument('b1')).toEqual({ updates: [], lastSeq: 0, bytes: 0 })
    })

    it('keeps each board its own log, in the order appended, with its newest sequence number', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      await store.createBoard({ id: 'b2', title: '', now: 0 })
      const s1 = await store.appendUpdate('b1', bytes(1, 2), 10)
      const s2 = await store.appendUpdate('b2', bytes(9), 10)
      const s3 = await store.appendUpdate('b1', bytes(3), 10)
      expect(s1).toBeLessThan(s3)
      expect(await store.loadDocument('b1')).toEqual({
        updates: [bytes(1, 2), bytes(3)],
        lastSeq: s3,
        bytes: 3,
      })
      expect(await store.loadDocument('b2')).toEqual({ updates: [bytes(9)], lastSeq: s2, bytes: 1 })
    })

    it('loads the log of an id holding quotes and backslashes as its own, byte for byte', async () => {
      // The PostgreSQL store reads a document with COPY, which takes the id as a literal.
      const odd = "b'1\\\\' OR '1'='1"
      await store.createBoard({ id: odd, title: '', now: 0 })
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      const all = bytes(...Array.from({ length: 256 }, (_, i) => i))
      const seq = await store.appendUpdate(odd, all, 10)
      await store.appendUpdate('b1', bytes(7), 10)
      expect(await store.loadDocument(odd)).toEqual({ updates: [all], lastSeq: seq, bytes: 256 })
    })

    it('marks the board edited when an update is stored', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      await store.appendUpdate('b1', bytes(1), 5_000)
      expect((await store.getBoard('b1'))?.updatedAt).toBe(new Date(5_000).toISOString())
    })

    it('stores updates sent at once each with its own sequence number', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      const seqs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.appendUpdate('b1', bytes(i), 10)),
      )
      expect(new Set(seqs).size).toBe(40)
      const stored = await store.loadDocument('b1')
      expect(stored.lastSeq).toBe(Math.max(...seqs))
      expect(stored.updates.map((u) => u[0]).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: 40 }, (_, i) => i),
      )
    })

    it('compacts the log up to a sequence number into one snapshot and keeps what came after', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      const doc = new Y.Doc()
      const stored: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => stored.push(u))
      doc.getText('t').insert(0, 'hello')
      doc.getText('t').insert(5, ' world')
      let upto = 0
      for (const u of stored.splice(0)) upto = await store.appendUpdate('b1', u, 10)
      const snapshot = Y.encodeStateAsUpdate(doc)
      doc.getText('t').insert(0, '> ')
      for (const u of stored.splice(0)) await store.appendUpdate('b1', u, 10)

      await store.compactDocument('b1', snapshot, upto)

      const loaded = await store.loadDocument('b1')
      expect(loaded.updates).toHaveLength(2)
      expect(loaded.lastSeq).toBeGreaterThan(upto)
      const copy = new Y.Doc()
      for (const u of loaded.updates) Y.applyUpdate(copy, u)
      expect(copy.getText('t').toString()).toBe('> hello world')
    })

    it('compacts a large board and loads it back intact, counting its full size', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      const doc = new Y.Doc()
      const records = doc.getMap<string>('tldraw')
      for (let i = 0; i < 2_000; i++) {
        records.set(`shape:${i}`, JSON.stringify({ id: `shape:${i}`, x: i, props: { w: 100 } }))
      }
      const snapshot = Y.encodeStateAsUpdate(doc)
      const upto = await store.appendUpdate('b1', snapshot, 10)
      await store.compactDocument('b1', snapshot, upto)
      // A compaction meanwhile (the snapshot again) and a later edit on top of it.
      records.set('shape:late', 'late')
      const late = Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(snapshot))
      const lateSeq = await store.appendUpdate('b1', late, 10)
      await store.compactDocument('b1', Y.encodeStateAsUpdate(doc), lateSeq)

      const loaded = await store.loadDocument('b1')
      expect(loaded.updates).toHaveLength(1)
      expect(loaded.bytes).toBe(loaded.updates[0]!.byteLength)
      const copy = new Y.Doc()
      Y.applyUpdate(copy, loaded.updates[0]!)
      expect(copy.getMap('tldraw').toJSON()).toEqual(records.toJSON())
      if (kind.name === 'PostgreSQL') {
        // Stored gzipped: a fresh instance reads a fraction of the bytes.
        const [row] = await sql(`SELECT octet_length(data) AS n, gzipped FROM doc_updates`)
        expect(row).toMatchObject({ gzipped: true })
        expect(Number(row!.n)).toBeLessThan(loaded.bytes / 4)
      }
    })

    // Several instances share a PostgreSQL store: a room's snapshot may lack an update another
    // instance stored, and compaction must not lose it.
    it.runIf(kind.name === 'PostgreSQL')(
      'keeps an update another writer stored that the snapshot lacks',
      async () => {
        await store.createBoard({ id: 'b1', title: '', now: 0 })
        const mine = new Y.Doc()
        const theirs = new Y.Doc()
        mine.getMap('m').set('mine', 1)
        theirs.getMap('m').set('theirs', 2)
        await store.appendUpdate('b1', Y.encodeStateAsUpdate(mine), 10)
        const upto = await store.appendUpdate('b1', Y.encodeStateAsUpdate(theirs), 10)

        await store.compactDocument('b1', Y.encodeStateAsUpdate(mine), upto)

        const copy = new Y.Doc()
        for (const u of (await store.loadDocument('b1')).updates) Y.applyUpdate(copy, u)
        expect(copy.getMap('m').toJSON()).toEqual({ mine: 1, theirs: 2 })
      },
    )

    it('leaves other boards alone when compacting one', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      await store.createBoard({ id: 'b2', title: '', now: 0 })
      const doc = new Y.Doc()
      doc.getText('t').insert(0, 'one')
      const other = Y.encodeStateAsUpdate(doc)
      await store.appendUpdate('b2', other, 10)
      const upto = await store.appendUpdate('b1', other, 10)
      doc.getText('t').insert(3, ' two')
      await store.compactDocument('b1', Y.encodeStateAsUpdate(doc), upto)
      expect((await store.loadDocument('b2')).updates).toEqual([other])
      const loaded = await store.loadDocument('b1')
      expect(loaded.updates).toHaveLength(1)
      const copy = new Y.Doc()
      Y.applyUpdate(copy, loaded.updates[0]!)
      expect(copy.getText('t').toString()).toBe('one two')
    })
  })

  describe('drafts (documents listed by id prefix)', () => {
    const board = 'a'.repeat(22)
    const other = 'a'.repeat(21) + 'b'
    const [alice, bob] = ['1'.repeat(32), '2'.repeat(32)]

    it("lists a board's drafts apart from its document and from other boards' drafts", async () => {
      await store.appendUpdate(board, bytes(1), 0)
      await store.appendUpdate(draftDocumentId(board, alice), bytes(2), 0)
      await store.appendUpdate(draftDocumentId(board, bob), bytes(3), 0)
      await store.appendUpdate(draftDocumentId(other, alice), bytes(4), 0)
      expect((await store.listDocuments(draftPrefix(board))).sort()).toEqual([
        draftDocumentId(board, alice),
        draftDocumentId(board, bob),
      ])
      expect((await store.loadDocument(board)).updates).toEqual([bytes(1)])
    })

    it('removes the drafts with a board purged for good, and nobody else’s', async () => {
      for (const id of [board, other]) {
        await store.createBoard({ id, title: id, now: 0 })
        await store.appendUpdate(draftDocumentId(id, alice), bytes(5), 0)
      }
      await store.softDeleteBoard(board, 1, null)
      expect(await store.purgeDeletedBoards(2)).toBe(1)
      expect(await store.listDocuments(draftPrefix(board))).toEqual([])
      expect(await store.listDocuments(draftPrefix(other))).toEqual([draftDocumentId(other, alice)])
    })
  })

  describe('assets', () => {
    it('returns an asset only under the board it was uploaded to, bytes intact', async () => {
      const data = new Uint8Array(70_000).map((_, i) => i % 251)
      await store.putAsset({ id: 'a1', boardId: 'b1', mimeType: 'image/png', data, createdAt: 5 })
      expect(await store.getAsset('b1', 'a1')).toEqual({
        id: 'a1',
        boardId: 'b1',
        mimeType: 'image/png',
        data,
        createdAt: 5,
      })
      expect(await store.getAsset('b2', 'a1')).toBeUndefined()
      expect(await store.getAsset('b1', 'a2')).toBeUndefined()
    })
  })

  describe('ingestion tokens', () => {
    const token = (id: string, createdAt: number, boardId = 'b1') => ({
      id,
      boardId,
      name: `Token ${id}`,
      hash: `hash-${id}`,
      createdAt,
      revokedAt: null,
    })

    it('lists the live tokens of a board, oldest first, without their hashes', async () => {
      await store.createToken(token('t2', 2))
      await store.createToken(token('t1', 1))
      await store.createToken(token('other', 1, 'b2'))
      expect(await store.listTokens('b1')).toEqual([
        { id: 't1', boardId: 'b1', name: 'Token t1', createdAt: 1, revokedAt: null },
        { id: 't2', boardId: 'b1', name: 'Token t2', createdAt: 2, revokedAt: null },
      ])
    })

    it('revokes a token once, only on its own board, and still finds it revoked by hash', async () => {
      await store.createToken(token('t1', 1))
      expect(await store.revokeToken('b2', 't1', 5)).toBe(false)
      expect(await store.revokeToken('b1', 't1', 5)).toBe(true)
      expect(await store.revokeToken('b1', 't1', 6)).toBe(false)
      expect(await store.listTokens('b1')).toEqual([])
      expect(await store.findTokenByHash('hash-t1')).toMatchObject({ id: 't1', revokedAt: 5 })
      expect(await store.findTokenByHash('hash-none')).toBeUndefined()
    })

    it('refuses a second token with the same hash', async () => {
      await store.createToken(token('t1', 1))
      await expect(
        Promise.resolve().then(() => store.createToken({ ...token('t2', 2), hash: 'hash-t1' })),
      ).rejects.toThrow()
    })
  })

  describe('the hypothesis index', () => {
    beforeEach(async () => {
      await store.createBoard({ id: 'b1', title: 'Board one', now: 0 })
      await store.createBoard({ id: 'b2', title: 'Board two', now: 0 })
      await store.replaceBoardHypotheses('b1', [
        indexRow('b1', 'late', { timeboxEnd: '2026-01-10T00:00:00.000Z', updatedAt: 3 }),
        indexRow('b1', 'none', { updatedAt: 5 }),
        indexRow('b1', 'decided', {
          status: 'decided',
          timeboxEnd: '2026-01-01T00:00:00.000Z',
          decision: 'persevere',
          updatedAt: 1,
        }),
      ])
      await store.replaceBoardHypotheses('b2', [
        indexRow('b2', 'soon', { timeboxEnd: '2026-01-05T00:00:00.000Z', updatedAt: 4 }),
      ])
    })

    it('orders by time-box end (none last) or by last change, with the board title', async () => {
      const due = await store.queryHypotheses({ orderBy: 'due' })
      expect(due.map((r) => r.canvasId)).toEqual(['decided', 'soon', 'late', 'none'])
      expect(due[1]).toMatchObject({ boardId: 'b2', boardTitle: 'Board two', updatedAt: 4 })
      const updated = await store.queryHypotheses({ orderBy: 'updated', limit: 2 })
      expect(updated.map((r) => r.canvasId)).toEqual(['none', 'soon'])
    })

    it('filters by board, status and overdue, and counts without the limit', async () => {
      const at = Date.parse('2026-01-07T00:00:00.000Z')
      const ids = async (q: Parameters<Persistence['queryHypotheses']>[0]) =>
        (await store.queryHypotheses({ ...q, orderBy: 'due' })).map((r) => r.canvasId)
      expect(await ids({ boardIds: ['b2'] })).toEqual(['soon'])
      expect(await ids({ boardIds: [] })).toEqual([])
      expect(await ids({ statuses: ['decided'] })).toEqual(['decided'])
      expect(await ids({ overdue: { at, is: true } })).toEqual(['soon'])
      expect(await ids({ overdue: { at, is: false } })).toEqual(['decided', 'late', 'none'])
      expect(await store.countHypotheses({ boardIds: ['b1'], limit: 1 })).toBe(3)
    })

    it('answers the kept verdicts of live boards, for the portfolio', async () => {
      const rows = await store.hypothesisVerdicts(['b2'])
      expect(rows).toEqual([
        {
          boardId: 'b2',
          canvasId: 'soon',
          timeboxEnd: '2026-01-05T00:00:00.000Z',
          verdictOpen: 'pending',
          verdictEnded: 'inconclusive',
        },
      ])
      expect(await store.hypothesisVerdicts([])).toEqual([])
      await store.softDeleteBoard('b2', 10, null)
      expect(await store.hypothesisVerdicts(['b2'])).toEqual([])
    })

    it('replaces a board’s rows, and forgets them when the board is deleted', async () => {
      await store.replaceBoardHypotheses('b1', [indexRow('b1', 'only')])
      expect(await store.countHypotheses({ boardIds: ['b1'] })).toBe(1)
      await store.replaceBoardHypotheses('b1', [])
      expect(await store.countHypotheses({ boardIds: ['b1'] })).toBe(0)
      await store.softDeleteBoard('b2', 10, null)
      expect(await store.queryHypotheses({})).toEqual([])
    })
  })

  describe('the project index', () => {
    const project = (boardId: string, canvasId: string, stage = 'ideation') => ({
      boardId,
      canvasId,
      title: `Project ${canvasId}`,
      owner: 'Ada',
      stage,
      status: 'active',
      summaryJson: '{}',
    })

    it('replaces a board’s projects, filters by board, and leaves deleted boards out', async () => {
      await store.createBoard({ id: 'b1', title: 'Board one', now: 0 })
      await store.createBoard({ id: 'b2', title: 'Board two', now: 0 })
      await store.replaceBoardProjects('b1', [project('b1', 'p1'), project('b1', 'p2')])
      await store.replaceBoardProjects('b2', [project('b2', 'p3', 'monitoring')])
      const ids = async (boardIds?: string[]) =>
        (await store.queryProjects({ boardIds })).map((r) => r.canvasId).sort()
      expect(await ids()).toEqual(['p1', 'p2', 'p3'])
      expect(await ids(['b2'])).toEqual(['p3'])
      expect(await ids([])).toEqual([])
      expect((await store.queryProjects({ boardIds: ['b2'] }))[0]).toEqual({
        ...project('b2', 'p3', 'monitoring'),
        boardTitle: 'Board two',
      })
      await store.replaceBoardProjects('b1', [project('b1', 'p2', 'prototyping')])
      expect(await ids(['b1'])).toEqual(['p2'])
      await store.softDeleteBoard('b2', 10, null)
      expect(await ids()).toEqual(['p2'])
    })
  })

  describe('board keys', () => {
    it('keeps link keys to show again but only the hash of the owner key', async () => {
      await store.putBoardKey({ boardId: 'b1', role: 'owner', key: 'secret', hash: 'h-o', now: 1 })
      await store.putBoardKey({ boardId: 'b1', role: 'view', key: 'viewkey', hash: 'h-v', now: 1 })
      expect(await store.findBoardKey('h-o')).toEqual({
        boardId: 'b1',
        role: 'owner',
        key: null,
        enabled: true,
      })
      const keys = await store.listBoardKeys('b1')
      expect(keys.find((k) => k.role === 'view')).toEqual({
        boardId: 'b1',
        role: 'view',
        key: 'viewkey',
        enabled: true,
      })
    })

    it('rotates a key: the old hash no longer finds it, and disabling is kept per role', async () => {
      await store.putBoardKey({ boardId: 'b1', role: 'edit', key: 'k1', hash: 'h1', now: 1 })
      await store.putBoardKey({ boardId: 'b1', role: 'edit', key: 'k2', hash: 'h2', now: 2 })
      expect(await store.findBoardKey('h1')).toBeUndefined()
      expect(await store.findBoardKey('h2')).toMatchObject({ key: 'k2' })
      await store.setBoardKeyEnabled('b1', 'edit', false)
      expect(await store.findBoardKey('h2')).toMatchObject({ enabled: false })
      await store.setBoardKeyEnabled('b1', 'edit', true)
      expect(await store.findBoardKey('h2')).toMatchObject({ enabled: true })
    })

    it('lists boards that have no owner key yet', async () => {
      await store.createBoard({ id: 'keyed', title: '', now: 0 })
      await store.createBoard({ id: 'bare', title: '', now: 0 })
      await store.putBoardKey({ boardId: 'keyed', role: 'owner', key: 'x', hash: 'hx', now: 1 })
      await store.putBoardKey({ boardId: 'bare', role: 'view', key: 'y', hash: 'hy', now: 1 })
      expect(await store.boardsWithoutKeys()).toEqual(['bare'])
    })
  })

  describe('versions', () => {
    it('keeps versions of a board newest first, with their snapshots, and removes the ones named', async () => {
      await store.createBoard({ id: 'b1', title: '', now: 0 })
      await store.createBoard({ id: 'b2', title: '', now: 0 })
      const big = new Uint8Array(300_000).map((_, i) => i % 251)
      await store.putVersion(version('b1', 'old', 10), new Uint8Array([1]))
      await store.putVersion(
        { ...version('b1', 'named', 20), name: 'Before the workshop', createdBy: 'Ann' },
        big,
      )
      await store.putVersion(version('b2', 'other', 30), new Uint8Array([2]))

      const listed = await store.listVersions('b1')
      expect(listed.map((v) => v.id)).toEqual(['named', 'old'])
      expect(listed[0]).toEqual({
        ...version('b1', 'named', 20),
        name: 'Before the workshop',
        createdBy: 'Ann',
      })
      expect(await store.getVersionSnapshot('b1', 'named')).toEqual(big)
      // A version is found only under its own board.
      expect(await store.getVersionSnapshot('b1', 'other')).toBeUndefined()

      expect(await store.deleteVersions('b1', ['old', 'missing'])).toBe(1)
      expect((await store.listVersions('b1')).map((v) => v.id)).toEqual(['named'])
      expect((await store.listVersions('b2')).map((v) => v.id)).toEqual(['other'])
    })
  })

  describe('the workshop', () => {
    it('saves and loads the workshop state of a board', async () => {
      expect(await store.loadWorkshop('b1')).toBeUndefined()
      expect(await store.saveWorkshop('b1', '{"a":1}', 1, undefined)).toBe(true)
      expect(await store.saveWorkshop('b1', '{"a":2}', 2, '{"a":1}')).toBe(true)
      expect(await store.loadWorkshop('b1')).toBe('{"a":2}')
    })

    // Two facilitators on two instances: the second change was computed from a state that is
    // no longer stored, so it is refused and stores nothing; its instance reads again.
    it('stores a workshop state only over the state it was computed from', async () => {
      expect(await store.saveWorkshop('b1', '{"a":1}', 1, undefined)).toBe(true)
      expect(await store.saveWorkshop('b1', '{"other":1}', 1, undefined)).toBe(false)
      expect(await store.saveWorkshop('b1', '{"a":2}', 2, '{"a":1}')).toBe(true)
      expect(await store.saveWorkshop('b1', '{"a":3}', 3, '{"a":1}')).toBe(false)
      expect(
        await store.saveWorkshopWithPastVotes(
          'b1',
          '{"a":4}',
          [{ votingId: 'v1', endedAt: 10, votingJson: '"one"' }],
          4,
          '{"a":1}',
        ),
      ).toBe(false)
      expect(await store.loadWorkshop('b1')).toBe('{"a":2}')
      expect(await store.listPastVotes('b1')).toEqual([])
    })

    it('keeps ended votes oldest first, replacing one kept under the same id', async () => {
      await store.saveWorkshopWithPastVotes(
        'b1',
        '{"s":1}',
        [
          { votingId: 'v2', endedAt: 20, votingJson: '"two"' },
          { votingId: 'v1', endedAt: 10, votingJson: '"one"' },
        ],
        1,
        undefined,
      )
      await store.saveWorkshopWithPastVotes(
        'b1',
        '{"s":2}',
        [{ votingId: 'v1', endedAt: 10, votingJson: '"one again"' }],
        2,
        '{"s":1}',
      )
      expect(await store.listPastVotes('b1')).toEqual([
        { votingId: 'v1', endedAt: 10, votingJson: '"one again"' },
        { votingId: 'v2', endedAt: 20, votingJson: '"two"' },
      ])
      expect(await store.loadWorkshop('b1')).toBe('{"s":2}')
      expect(await store.listPastVotes('b2')).toEqual([])
    })

    it('counts a vote id once, lists votes in order, and removes the latest of a voter’s', async () => {
      const vote = (id: string, itemId = 'i1', voterId = 'p1') => ({ id, voterId, itemId })
      expect(await store.addVote('b1', 'v', vote('x1'), 1)).toBe(true)
      expect(await store.addVote('b1', 'v', vote('x1'), 2)).toBe(false)
      expect(await store.addVote('b1', 'v', vote('x2'), 3)).toBe(true)
      expect(await store.addVote('b1', 'v', vote('x3', 'i2', 'p2'), 4)).toBe(true)
      expect(await store.addVote('b1', 'other', vote('x4'), 5)).toBe(true)
      expect((await store.listVotes('b1', 'v')).map((v) => v.id)).toEqual(['x1', 'x2', 'x3'])
      expect(await store.removeVote('b1', 'v', 'p1', 'i1')).toBe(true)
      expect(await store.listVotes('b1', 'v')).toEqual([vote('x1'), vote('x3', 'i2', 'p2')])
      expect(await store.removeVote('b1', 'v', 'p1', 'i2')).toBe(false)
    })

    it('remembers when each participant was first seen, with their latest name and role', async () => {
      await store.recordParticipant('b1', { id: 'p2', name: 'Bea', role: 'view', seenAt: 2 })
      await store.recordParticipant('b1', { id: 'p1', name: 'Ann', role: 'edit', seenAt: 1 })
      await store.recordParticipant('b1', { id: 'p2', name: 'Bee', role: 'comment', seenAt: 9 })
      expect(await store.listParticipants('b1')).toEqual([
        { id: 'p1', name: 'Ann', role: 'edit', seenAt: 1 },
        { id: 'p2', name: 'Bee', role: 'comment', seenAt: 2 },
      ])
    })
  })

  describe('webhooks and their delivery queue', () => {
    const webhook = (boardId: string, id: string, createdAt = 1): StoredWebhook => ({
      id,
      boardId,
      url: `https://example.com/${id}`,
      events: ['version.named'],
      format: 'json',
      secret: 'whsec_secret',
      createdAt,
    })
    const delivery = (
      webhookId: string,
      id: string,
      eventId: string,
      patch: Partial<StoredDelivery> = {},
    ): StoredDelivery => ({
      id,
      boardId: 'b1',
      webhookId,
      eventId,
      event: 'version.named',
      payload: '{}',
      status: 'pending',
      attempts: 0,
      createdAt: 100,
      expiresAt: 100_000,
      nextAttemptAt: 100,
      leaseUntil: null,
      lastAttemptAt: null,
      responseStatus: null,
      error: null,
      ...patch,
    })

    it('lists a board’s webhooks oldest first, with their secrets, and deletes one with its deliveries', async () => {
      await store.createWebhook(webhook('b1', 'w1', 1))
      await store.createWebhook(webhook('b1', 'w2', 2))
      await store.createWebhook(webhook('b2', 'w3', 1))
      expect((await store.listWebhooks('b1')).map((w) => [w.id, w.secret])).toEqual([
        ['w1', 'whsec_secret'],
        ['w2', 'whsec_secret'],
      ])
      await store.enqueueDeliveries([delivery('w1', 'd1', 'e1')])
      expect(await store.deleteWebhook('b2', 'w1')).toBe(false)
      expect(await store.deleteWebhook('b1', 'w1')).toBe(true)
      expect(await store.deleteWebhook('b1', 'w1')).toBe(false)
      expect(await store.listDeliveries('b1', 'w1', 50)).toEqual([])
      expect((await store.listWebhooks('b1')).map((w) => w.id)).toEqual(['w2'])
    })

    it('queues an event once per webhook, however often it is queued', async () => {
      await store.createWebhook(webhook('b1', 'w1'))
      await store.createWebhook(webhook('b1', 'w2'))
      expect(
        await store.enqueueDeliveries([delivery('w1', 'd1', 'e1'), delivery('w2', 'd2', 'e1')]),
      ).toBe(2)
      expect(
        await store.enqueueDeliveries([delivery('w1', 'd3', 'e1'), delivery('w1', 'd4', 'e2')]),
      ).toBe(1)
      expect((await store.listDeliveries('b1', 'w1', 50)).map((d) => d.id).sort()).toEqual([
        'd1',
        'd4',
      ])
    })

    it('hands each due delivery to one claim, again only once its lease ran out', async () => {
      await store.createWebhook(webhook('b1', 'w1'))
      await store.enqueueDeliveries([
        ...Array.from({ length: 12 }, (_, i) => delivery('w1', `d${i}`, `e${i}`)),
        delivery('w1', 'later', 'e-later', { nextAttemptAt: 5_000 }),
      ])
      const [a, b] = await Promise.all([
        store.claimDeliveries(1_000, 2_000, 8),
        store.claimDeliveries(1_000, 2_000, 8),
      ])
      const ids = [...a, ...b].map((d) => d.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `d${i}`).sort())
      expect(a[0]).toMatchObject({ status: 'sending', attempts: 1, leaseUntil: 2_000 })
      expect(a[0]!.webhook).toMatchObject({ id: 'w1', secret: 'whsec_secret' })
      expect(await store.claimDeliveries(1_500, 3_000, 50)).toEqual([])
      // A sender that never finished: its deliveries are taken again after the lease.
      const again = await store.claimDeliveries(2_000, 10_000, 50)
      expect(again).toHaveLength(12)
      expect(again.every((d) => d.attempts === 2)).toBe(true)
      expect((await store.claimDeliveries(5_000, 6_000, 50)).map((d) => d.id)).toEqual(['later'])
    })

    it('records an attempt’s outcome, and resends a delivery that is not being sent', async () => {
      await store.createWebhook(webhook('b1', 'w1'))
      await store.enqueueDeliveries([delivery('w1', 'd1', 'e1')])
      const [claimed] = await store.claimDeliveries(100, 1_000, 1)
      expect(await store.resendDelivery('b1', 'w1', 'd1', 200, 9_000)).toBe(false)
      await store.finishDelivery(claimed!.id, {
        status: 'pending',
        at: 300,
        nextAttemptAt: 400,
        responseStatus: 500,
        error: 'answered 500',
      })
      expect((await store.listDeliveries('b1', 'w1', 50))[0]).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastAttemptAt: 300,
        nextAttemptAt: 400,
        responseStatus: 500,
        error: 'answered 500',
        leaseUntil: null,
      })
      await store.claimDeliveries(400, 1_000, 1)
      await store.finishDelivery('d1', {
        status: 'delivered',
        at: 450,
        nextAttemptAt: null,
        responseStatus: 204,
        error: null,
      })
      expect(await store.resendDelivery('b2', 'w1', 'd1', 500, 9_000)).toBe(false)
      expect(await store.resendDelivery('b1', 'w1', 'd1', 500, 9_000)).toBe(true)
      expect((await store.listDeliveries('b1', 'w1', 50))[0]).toMatchObject({
        status: 'pending',
        attempts: 2,
        nextAttemptAt: 500,
        expiresAt: 9_000,
      })
    })

    it('lists the newest deliveries first, at most as many as asked', async () => {
      await store.createWebhook(webhook('b1', 'w1'))
      await store.enqueueDeliveries(
        Array.from({ length: 5 }, (_, i) => delivery('w1', `d${i}`, `e${i}`, { createdAt: i })),
      )
      expect((await store.listDeliveries('b1', 'w1', 3)).map((d) => d.id)).toEqual([
        'd4',
        'd3',
        'd2',
      ])
    })

    it('prunes finished deliveries made before a time, never those still to be sent', async () => {
      await store.createWebhook(webhook('b1', 'w1'))
      await store.enqueueDeliveries([
        delivery('w1', 'old-done', 'e1', { status: 'delivered', createdAt: 10 }),
        delivery('w1', 'old-failed', 'e2', { status: 'failed', createdAt: 10 }),
        delivery('w1', 'old-pending', 'e3', { createdAt: 10 }),
        delivery('w1', 'new-done', 'e4', { status: 'delivered', createdAt: 500 }),
      ])
      expect(await store.pruneDeliveries(100)).toBe(2)
      expect((await store.listDeliveries('b1', 'w1', 50)).map((d) => d.id).sort()).toEqual([
        'new-done',
        'old-pending',
      ])
    })

    it('forgets the webhooks and deliveries of a purged board', async () => {
      await store.createBoard({ id: 'b1', title: 'Gone', now: 1 })
      await store.createWebhook(webhook('b1', 'w1'))
      await store.enqueueDeliveries([delivery('w1', 'd1', 'e1')])
      await store.softDeleteBoard('b1', 2, null)
      expect(await store.purgeDeletedBoards(3)).toBe(1)
      expect(await store.listWebhooks('b1')).toEqual([])
      expect(await store.claimDeliveries(1_000, 2_000, 50)).toEqual([])
    })
  })

  describe('health and upgrades', () => {
    it('answers a probe write of any size and a ping', async () => {
      await store.probeWrite(1, 200_000)
      await store.probeWrite(2)
      await store.ping()
    })

    it('opens the same data again without changing it', async () => {
      await store.createBoard({ id: 'b1', title: 'Kept', now: 1 })
      await store.appendUpdate('b1', bytes(4), 2)
      await store.close()
      store = await reopen()
      expect(await store.getBoard('b1')).toMatchObject({ title: 'Kept' })
      expect((await store.loadDocument('b1')).updates).toEqual([bytes(4)])
    })

    it('records each schema step it applied, once', async () => {
      await store.close()
      store = await reopen()
      const steps = await sql('SELECT version FROM schema_migrations ORDER BY version')
      expect(steps.map((s) => Number(s.version))).toEqual([
        ...Array.from({ length: steps.length }, (_, i) => i + 1),
      ])
      expect(steps.length).toBeGreaterThan(0)
    })

    it('refuses to open a database whose schema is newer than it knows', async () => {
      await store.close()
      await sql(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)",
      )
      await expect(Promise.resolve().then(reopen)).rejects.toThrow(/newer than this server/)
      await sql('DELETE FROM schema_migrations WHERE version = 999')
      store = await reopen()
    })
  })
})
