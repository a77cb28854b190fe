import pg from 'pg'
import type { Logger } from '../../logger.js'
import { StorageUnavailableError } from '../storageErrors.js'

/** One connection out of the pool, for the statements of one transaction. */
export type Tx = pg.PoolClient

/** BIGINT (epoch ms, sequence numbers) read as a number: they stay far below 2^53. */
const Int8 = 20

export interface PostgresPoolOptions {
  /** Connections this instance keeps at most. */
  max?: number
  /** `relaxed`: commits do not wait for the WAL to reach disk (synchronous_commit off). */
  durability?: 'full' | 'relaxed'
  log?: Logger
}

/**
 * A connection pool for `url`. A connection that breaks while idle (the server restarted) is
 * logged and dropped rather than crashing the process; the next query opens a new one, so the
 * store recovers by itself once the database is back.
 */
export function createPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    // A database that stops answering (not refusing) fails writes too, rather than leaving
    // rooms waiting on them for ever.
    query_timeout: 60_000,
    idleTimeoutMillis: 30_000,
    application_name: 'discovery-board',
    ...(options.durability === 'relaxed' ? { options: '-c synchronous_commit=off' } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === Int8 && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  pool.on('error', (error) => {
    options.log?.warn('store.connection_lost', { error: String(error) })
  })
  return pool
}

/**
 * Runs `work` in one transaction on one connection. Whatever fails (the database is down, a
 * connection broke, a statement was refused) rolls back and surfaces as
 * `StorageUnavailableError`, the store's one word for "not now".
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    throw unavailable(error)
  }
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    client.release()
    return result
  } catch (error) {
    // A connection that failed mid-transaction is closed rather than reused.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: unknown) => client.release(rollbackError as Error),
    )
    throw unavailable(error)
  }
}

/** One statement on any connection of the pool (or on `tx`), its failure as `StorageUnavailableError`. */
export async function query<R extends pg.QueryResultRow>(
  pool: pg.Pool | Tx,
  sql: string,
  params: unknown[] = [],
  /**
   * Names a statement run on every edit: each connection then parses and plans it once, not on
   * every call.
   */
  prepareAs?: string,
): Promise<pg.QueryResult<R>> {
  try {
    return prepareAs === undefined
      ? await pool.query<R>(sql, params)
      : await pool.query<R>({ name: prepareAs, text: sql, values: params })
  } catch (error) {
    throw unavailable(error)
  }
}

const unavailable = (error: unknown) =>
  error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error)

/** Bytes as pg sends them (a Buffer over the same memory, no copy). */
export const bytes = (data: Uint8Array) =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/** Bytes as the store hands them out. */
export const fromBytes = (data: Buffer) =>
  new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
