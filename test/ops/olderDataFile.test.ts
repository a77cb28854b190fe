import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DatabaseFileName,
  createSqlitePersistence,
} from '../../server/persistence/sqlite/SqlitePersistence.js'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('when the server opens a data file made before boards kept who deleted them', () => {
  it('keeps its boards, deleted ones too, and records who deletes from then on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discovery-board-older-file-'))
    dirs.push(dir)
    // The boards table as it was: no deleted_by column.
    const old = new Database(join(dir, DatabaseFileName))
    old.exec(`CREATE TABLE boards (
      id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, deleted_at INTEGER)`)
    old
      .prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?)')
      .run('OlderBoardLive00000001', 'Live', 1000, 2000, null)
    old
      .prepare('INSERT INTO boards VALUES (?, ?, ?, ?, ?)')
      .run('OlderBoardGone00000001', 'Gone', 1000, 2000, 3000)
    old.close()

    const store = createSqlitePersistence(dir, { durability: 'relaxed' })
    try {
      expect(await store.getBoard('OlderBoardGone00000001')).toMatchObject({
        title: 'Gone',
        deletedAt: new Date(3000).toISOString(),
        deletedBy: null,
      })
      const deleted = await store.softDeleteBoard('OlderBoardLive00000001', 4000, 'Ada Lovelace')
      expect(deleted).toMatchObject({ deletedBy: 'Ada Lovelace' })
      const restored = await store.restoreBoard('OlderBoardLive00000001', 5000)
      expect(restored).toMatchObject({ deletedAt: null, deletedBy: null })
    } finally {
      await store.close()
    }
  })
})
