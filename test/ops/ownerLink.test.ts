import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBoardAccess } from '../../server/access/boardAccess.js'
import { ownerLinkMain } from '../../server/cli/ownerLink.js'
import type { Logger } from '../../server/logger.js'
import { createSqlitePersistence } from '../../server/persistence/sqlite/SqlitePersistence.js'
import { createPostgresPersistence } from '../../server/persistence/postgres/PostgresPersistence.js'
import { startTestPostgres } from '../helpers/postgres.js'
import type { Persistence } from '../../server/persistence/types.js'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-owner-link-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const boardId = 'OwnerLinkBoard00000001'

function recordingLog() {
  const lines: string[] = []
  const record = (event: string, fields?: Record<string, unknown>) =>
    lines.push(JSON.stringify({ event, ...fields }))
  const log: Logger = { info: record, warn: record, error: record }
  return { log, lines }
}

function captureIo() {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err }
}

const accessFor = (store: Persistence) =>
  createBoardAccess({ keys: store, openInstance: false, now: Date.now, log: recordingLog().log })

describe('when an operator needs an owner link', () => {
  it('prints a new owner link that opens the board as owner, and the old one stops working', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir)
    store.createBoard({ id: boardId, title: 'Pricing discovery', now: Date.now() })
    const { ownerKey: oldKey } = await accessFor(store).issueKeys(boardId)

    const { io, out, err } = captureIo()
    expect(await ownerLinkMain([boardId], { DATA_DIR: dir }, io)).toBe(0)
    expect(err).toEqual([])
    const path = out.find((line) => line.trim().startsWith(`/b/${boardId}?key=`))!.trim()
    const newKey = decodeURIComponent(path.split('key=')[1]!)

    const access = accessFor(store)
    expect(await access.roleFor(boardId, newKey)).toBe('owner')
    expect(await access.roleFor(boardId, oldKey)).toBeNull()
    await store.close()
  })

  it('replaces the owner link of a board kept in PostgreSQL', async () => {
    const postgres = await startTestPostgres()
    try {
      const url = await postgres.createDatabase()
      const store = await createPostgresPersistence(url)
      await store.createBoard({ id: boardId, title: 'Pricing discovery', now: Date.now() })
      const { ownerKey: oldKey } = await accessFor(store).issueKeys(boardId)

      const { io, out, err } = captureIo()
      expect(await ownerLinkMain([boardId], { DATABASE_URL: url }, io)).toBe(0)
      expect(err).toEqual([])
      const path = out.find((line) => line.trim().startsWith(`/b/${boardId}?key=`))!.trim()
      const newKey = decodeURIComponent(path.split('key=')[1]!)
      const access = accessFor(store)
      expect(await access.roleFor(boardId, newKey)).toBe('owner')
      expect(await access.roleFor(boardId, oldKey)).toBeNull()
      expect(await ownerLinkMain(['NoSuchBoard00000000001'], { DATABASE_URL: url }, io)).toBe(1)
      await store.close()
    } finally {
      await postgres.destroy()
    }
  })

  it('refuses a malformed id, an unknown board and a data directory without a database', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir)
    await store.close()

    const bad = captureIo()
    expect(await ownerLinkMain(['not-an-id'], { DATA_DIR: dir }, bad.io)).toBe(2)
    expect(bad.err.join('\n')).toContain('Name one board id')

    const unknown = captureIo()
    expect(await ownerLinkMain([boardId], { DATA_DIR: dir }, unknown.io)).toBe(1)
    expect(unknown.err.join('\n')).toContain(`No board ${boardId}`)

    const empty = captureIo()
    expect(await ownerLinkMain([boardId], { DATA_DIR: tempDir() }, empty.io)).toBe(1)
    expect(empty.err.join('\n')).toContain('No database')
    expect([...bad.out, ...unknown.out, ...empty.out]).toEqual([])
  })
})

describe('when boards made before share links get their keys at start-up', () => {
  it('logs the board and the command for its owner link, never a key', async () => {
    const dir = tempDir()
    const store = createSqlitePersistence(dir)
    store.createBoard({ id: boardId, title: 'Old board', now: Date.now() })
    const { log, lines } = recordingLog()
    const access = createBoardAccess({ keys: store, openInstance: false, now: Date.now, log })

    await access.issueMissingKeys()

    const keys = (await store.listBoardKeys(boardId)).flatMap((k) => (k.key ? [k.key] : []))
    expect(keys.length).toBeGreaterThan(0)
    expect(lines.join('\n')).toContain(`npm run owner-link -- ${boardId}`)
    for (const key of keys) expect(lines.join('\n')).not.toContain(key)
    expect(lines.join('\n')).not.toContain('key=')
    await store.close()
  })
})
