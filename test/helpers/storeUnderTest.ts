import { startTestPostgres, type TestPostgres } from './postgres.js'

/**
 * With `TEST_STORE=postgres` (the `postgres` test project), every server a test file starts
 * keeps its data in PostgreSQL instead of a SQLite file: one throwaway PostgreSQL server per
 * file, one database per data directory. The same tests then prove both stores.
 */
const state: { server?: Promise<TestPostgres>; databases: Map<string, Promise<string>> } = {
  databases: new Map(),
}

export const storeUnderTest = (): 'postgres' | 'sqlite' =>
  process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite'

/** The database of a data directory when tests run on PostgreSQL; undefined on SQLite. */
export function postgresDatabaseFor(dataDir: string): Promise<string | undefined> {
  if (storeUnderTest() !== 'postgres') return Promise.resolve(undefined)
  const server = (state.server ??= startTestPostgres())
  let url = state.databases.get(dataDir)
  if (!url) {
    url = server.then((s) => s.createDatabase())
    state.databases.set(dataDir, url)
  }
  return url
}

/** Stops the file's PostgreSQL server, if it started one (the project's setup file calls it). */
export async function disposeTestStores() {
  const server = state.server
  state.server = undefined
  state.databases.clear()
  if (server) await (await server).destroy()
}
