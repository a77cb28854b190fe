import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatabaseFileName } from '../../server/persistence/sqlite/SqlitePersistence.js'
import { makeDataDir, startTestServer } from '../helpers/server.js'

describe('a server started on a data folder that does not exist yet', () => {
  it('creates it, marks itself running, and removes the mark at a clean stop', async () => {
    const parent = makeDataDir()
    const dataDir = join(parent, 'new', 'data')
    const server = await startTestServer({ dataDir })
    try {
      expect(existsSync(join(dataDir, `${DatabaseFileName}.running`))).toBe(true)
    } finally {
      await server.stop()
    }
    expect(existsSync(join(dataDir, `${DatabaseFileName}.running`))).toBe(false)
    rmSync(parent, { recursive: true, force: true })
  })
})
