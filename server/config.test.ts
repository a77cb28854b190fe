import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('choosing the store from the environment', () => {
  it('keeps one SQLite file when DATABASE_URL is unset or empty', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined()
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
  })

  it('uses PostgreSQL for a postgres:// or postgresql:// URL', () => {
    const url = 'postgres://board:secret@db.internal:5432/boards'
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/boards' }).databaseUrl).toBe(
      'postgresql://db/boards',
    )
  })

  it('refuses any other URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/boards' })).toThrow(/DATABASE_URL/)
  })
})
