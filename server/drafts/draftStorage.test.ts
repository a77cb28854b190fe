import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSqlitePersistence } from '../persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../persistence/types.js'
import { draftDocumentId, draftPrefix } from './draftIds.js'

const opened: { store: Persistence; dir: string }[] = []
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-drafts-'))
  const s = createSqlitePersistence(dir, { durability: 'relaxed' })
  opened.push({ store: s, dir })
  return s
}

const board = 'a'.repeat(22)
const other = 'a'.repeat(21) + 'b'
const [alice, bob] = ['1'.repeat(32), '2'.repeat(32)]

describe('where drafts are stored', () => {
  it("lists a board's drafts apart from its document and from other boards' drafts", async () => {
    const s = store()
    await s.appendUpdate(board, new Uint8Array([1]), 0)
    await s.appendUpdate(draftDocumentId(board, alice), new Uint8Array([2]), 0)
    await s.appendUpdate(draftDocumentId(board, bob), new Uint8Array([3]), 0)
    await s.appendUpdate(draftDocumentId(other, alice), new Uint8Array([4]), 0)
    expect((await s.listDocuments(draftPrefix(board))).sort()).toEqual([
      draftDocumentId(board, alice),
      draftDocumentId(board, bob),
    ])
    expect((await s.loadDocument(board)).updates).toEqual([new Uint8Array([1])])
  })

  it('removes the drafts with a board purged for good, and nobody else’s', async () => {
    const s = store()
    for (const id of [board, other]) {
      await s.createBoard({ id, title: id, now: 0 })
      await s.appendUpdate(draftDocumentId(id, alice), new Uint8Array([5]), 0)
    }
    await s.softDeleteBoard(board, 1, null)
    expect(await s.purgeDeletedBoards(2)).toBe(1)
    expect(await s.listDocuments(draftPrefix(board))).toEqual([])
    expect(await s.listDocuments(draftPrefix(other))).toEqual([draftDocumentId(other, alice)])
  })
})
