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

/**
 * The rows of `select` (a query without parameters) as PostgreSQL's binary COPY sends them: each
 * field's bytes exactly as stored, null for NULL. pg reads every field of an ordinary result as
 * text, so a large bytea arrives hex or base64 encoded, becomes a string and then bytes again:
 * a stored board of 10 MB took about 300 ms more that way than as COPY data.
 */
export async function copyRows(db: pg.Pool | Tx, select: string): Promise<(Buffer | null)[][]> {
  let client: pg.PoolClient | Tx
  try {
    client = db instanceof pg.Pool ? await db.connect() : db
  } catch (error) {
    throw unavailable(error)
  }
  try {
    const rows = await new Promise<(Buffer | null)[][]>((resolve, reject) => {
      client.query(new CopyOut(`COPY (${select}) TO STDOUT (FORMAT binary)`, resolve, reject))
    })
    if (client !== db) (client as pg.PoolClient).release()
    return rows
  } catch (error) {
    // A connection whose COPY failed midway (or timed out) is closed rather than reused.
    if (client !== db) (client as pg.PoolClient).release(error as Error)
    throw unavailable(error)
  }
}

/** PGCOPY\n\xff\r\n\0: the start of every binary COPY stream. */
const CopySignature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')

/**
 * A `COPY ... TO STDOUT (FORMAT binary)` run as a custom query (pg's Submittable, as
 * pg-copy-streams does): pg hands it each message of the exchange. The backend sends one
 * CopyData message per row (the stream's header comes with the first, its trailer alone), so
 * each is parsed as it comes, without joining them. The pool's query timeout still applies: pg
 * wraps `callback` with it.
 */
class CopyOut {
  private readonly rows: (Buffer | null)[][] = []
  private headerRead = false
  private error: Error | null = null
  private settled = false
  /** Set (and wrapped with the query timeout) by pg. */
  callback: ((error: Error | null) => void) | undefined = (error) => this.finish(error)

  constructor(
    readonly text: string,
    private readonly resolve: (rows: (Buffer | null)[][]) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  submit(connection: { query(text: string): void }) {
    connection.query(this.text)
  }
  handleCopyData(message: { chunk: Buffer }) {
    if (this.error) return
    try {
      // A copy: the parser may write the next messages over the buffer this chunk points into.
      this.parseRow(Buffer.from(message.chunk))
    } catch (error) {
      // Reported once the backend is done with the statement (ReadyForQuery).
      this.error = error as Error
    }
  }
  handleError(error: Error) {
    this.callback?.(error)
  }
  handleReadyForQuery() {
    this.callback?.(this.error)
  }
  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(connection: { sendCopyFail(message: string): void }) {
    connection.sendCopyFail('not a COPY FROM')
  }

  /** One row of PostgreSQL's binary COPY format (see its COPY reference), or the trailer. */
  private parseRow(data: Buffer) {
    let at = 0
    if (!this.headerRead) {
      if (data.length < 19 || !data.subarray(0, 11).equals(CopySignature)) {
        throw new Error('not a binary COPY stream')
      }
      at = 19 + data.readUInt32BE(15)
      this.headerRead = true
    }
    const fields = data.readInt16BE(at)
    at += 2
    if (fields === -1) return
    const row: (Buffer | null)[] = []
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(at)
      at += 4
      if (length === -1) {
        row.push(null)
        continue
      }
      if (at + length > data.length) throw new Error('binary COPY row cut short')
      row.push(data.subarray(at, at + length))
      at += length
    }
    this.rows.push(row)
  }

  private finish(error: Error | null) {
    if (this.settled) return
    this.settled = true
    if (error) this.reject(error)
    else this.resolve(this.rows)
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
