import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger.js'
import { createSqliteAccessStore } from '../persistence/sqlite/sqliteAccess.js'
import { migrateSqlite } from '../persistence/sqlite/sqliteMigrations.js'
import { createBoardAccess } from './boardAccess.js'

function setup(openInstance = false) {
  const db = new Database(':memory:')
  migrateSqlite(db)
  const keys = createSqliteAccessStore(db)
  const access = createBoardAccess({
    keys,
    openInstance,
    now: () => 0,
    log: createLogger('silent'),
  })
  return { db, keys, access }
}

describe('board access with share links', () => {
  it('gives each key its role on its own board only, and nothing without a key', async () => {
    const { access } = setup()
    const issued = await access.issueKeys('board-a')
    const key = (role: string) => issued.links.find((l) => l.role === role)!.key!
    expect(await access.roleFor('board-a', issued.ownerKey)).toBe('owner')
    expect(await access.roleFor('board-a', key('edit'))).toBe('edit')
    expect(await access.roleFor('board-a', key('comment'))).toBe('comment')
    expect(await access.roleFor('board-a', key('view'))).toBe('view')
    expect(await access.roleFor('board-b', key('edit'))).toBeNull()
    expect(await access.roleFor('board-a', undefined)).toBeNull()
    expect(await access.roleFor('board-a', 'x'.repeat(43))).toBeNull()
    expect(await access.roleFor('board-a', 'not a key')).toBeNull()
  })

  it('stops an old key at once when its link is rotated, and a disabled link until enabled', async () => {
    const { access } = setup()
    const issued = await access.issueKeys('board-a')
    const oldEdit = issued.links.find((l) => l.role === 'edit')!.key!
    const rotated = await access.rotate('board-a', 'edit')
    const newEdit = rotated.find((l) => l.role === 'edit')!.key!
    expect(newEdit).not.toBe(oldEdit)
    expect(await access.roleFor('board-a', oldEdit)).toBeNull()
    expect(await access.roleFor('board-a', newEdit)).toBe('edit')

    const viewKey = issued.links.find((l) => l.role === 'view')!.key!
    const disabled = await access.setEnabled('board-a', 'view', false)
    expect(disabled.find((l) => l.role === 'view')).toMatchObject({
      enabled: false,
      key: null,
      path: null,
    })
    expect(await access.roleFor('board-a', viewKey)).toBeNull()
    await access.setEnabled('board-a', 'view', true)
    expect(await access.roleFor('board-a', viewKey)).toBe('view')
  })

  it('keeps only a hash of the owner key, and the link keys for the owner to copy', async () => {
    const { access, db } = setup()
    const issued = await access.issueKeys('board-a')
    const rows = db.prepare('SELECT role, key FROM board_keys').all() as {
      role: string
      key: string | null
    }[]
    expect(rows.find((r) => r.role === 'owner')!.key).toBeNull()
    expect(JSON.stringify(rows)).not.toContain(issued.ownerKey)
    expect(issued.links.map((l) => l.path)).toEqual(
      issued.links.map((l) => `/b/board-a?key=${l.key}`),
    )
  })

  it('issues keys at start-up for boards made before links existed', async () => {
    const { access, db, keys } = setup()
    db.prepare(
      "INSERT INTO boards (id, title, created_at, updated_at) VALUES ('old-board', '', 0, 0)",
    ).run()
    expect(await keys.boardsWithoutKeys()).toEqual(['old-board'])
    await access.issueMissingKeys()
    expect(await keys.boardsWithoutKeys()).toEqual([])
    expect((await access.links('old-board')).every((l) => l.enabled)).toBe(true)
  })
})

describe('board access on an open instance', () => {
  it('lets anyone edit, and a key only raises that', async () => {
    const { access } = setup(true)
    const issued = await access.issueKeys('board-a')
    expect(await access.roleFor('board-a', undefined)).toBe('edit')
    expect(await access.roleFor('board-a', issued.links.find((l) => l.role === 'view')!.key)).toBe(
      'edit',
    )
    expect(await access.roleFor('board-a', issued.ownerKey)).toBe('owner')
  })
})
