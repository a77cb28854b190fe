import type Database from 'better-sqlite3'
import type { Tx } from './postgresPool.js'

/** Each store's own bookkeeping: its migration record and the health checks' scratch row. */
const NotCopied = new Set(['schema_migrations', 'health_probe'])

/**
 * Rows `npm run doctor -- --salvage` set aside: the embedded store never loads them, and
 * PostgreSQL has no such table, so they stay behind in the SQLite file.
 */
const Quarantine = 'quarantined_updates'

/** Rows of a table the embedded store never reads. */
const LeftBehind: Record<string, string> = {
  doc_updates: `seq NOT IN (SELECT seq FROM ${Quarantine})`,
}

/** A schema difference that makes the copy impossible (the stores' migrations disagree). */
export class SchemaMismatchError extends Error {}

interface CopiedColumn {
  name: string
  /** PostgreSQL's `data_type` of the column. */
  type: string
  /** An identity column written with its value: the insert must say OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean
}

/** One table to copy: its columns present in both stores, and which rows, in which order. */
export interface TablePlan {
  table: string
  columns: CopiedColumn[]
  where: string | undefined
  /** `rowid`, so identity columns PostgreSQL numbers itself (`ord`) follow insertion order. */
  orderBy: string
  /** Rows to copy, counted before the copy. */
  rows: number
  /** The highest number SQLite's AUTOINCREMENT handed out for this table, if it keeps one. */
  autoincrement: number | undefined
}

export interface CopyPlan {
  /** In an order that satisfies PostgreSQL's foreign keys. */
  tables: TablePlan[]
  /** Stored updates kept in quarantine, not copied. */
  quarantined: number
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`

interface PgColumn {
  table_name: string
  column_name: string
  data_type: string
  is_nullable: 'YES' | 'NO'
  column_default: string | null
  is_identity: 'YES' | 'NO'
  identity_generation: string | null
  is_generated: string
}

/**
 * Matches the SQLite file's tables and columns with the PostgreSQL schema, read from both
 * catalogs: a column a later migration adds to both is carried without changes here. Every
 * table and column of the file must exist in PostgreSQL; a PostgreSQL column the file lacks
 * must be one it fills itself (a default, an identity).
 */
export async function planCopy(sqlite: Database.Database, tx: Tx): Promise<CopyPlan> {
  const { rows: pgColumns } = await tx.query<PgColumn>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity,
            identity_generation, is_generated
     FROM information_schema.columns WHERE table_schema = current_schema()`,
  )
  const pgTables = new Map<string, PgColumn[]>()
  for (const c of pgColumns) pgTables.set(c.table_name, [...(pgTables.get(c.table_name) ?? []), c])

  const sqliteTables = sqlite
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
       ORDER BY name`,
    )
    .all()
  const hasSequences = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
    .get()
  const sequences = new Map(
    hasSequences
      ? sqlite
          .prepare<[], { name: string; seq: number }>('SELECT name, seq FROM sqlite_sequence')
          .all()
          .map((r) => [r.name, r.seq])
      : [],
  )

  const plans: TablePlan[] = []
  for (const { name: table, sql } of sqliteTables) {
    if (NotCopied.has(table) || table === Quarantine) continue
    const target = pgTables.get(table)
    if (!target) {
      throw new SchemaMismatchError(
        `The SQLite table ${table} has no counterpart in PostgreSQL: this version cannot copy it.`,
      )
    }
    const columns = sqlite
      .prepare<[], { name: string }>(`PRAGMA table_info(${quoteIdent(table)})`)
      .all()
    const copied: CopiedColumn[] = []
    for (const { name } of columns) {
      const pg = target.find((c) => c.column_name === name)
      if (!pg) {
        throw new SchemaMismatchError(
          `The SQLite column ${table}.${name} has no counterpart in PostgreSQL: this version cannot copy it.`,
        )
      }
      // A column PostgreSQL computes itself takes no value.
      if (pg.is_generated === 'ALWAYS') continue
      copied.push({
        name,
        type: pg.data_type,
        identityAlways: pg.is_identity === 'YES' && pg.identity_generation === 'ALWAYS',
      })
    }
    for (const pg of target) {
      const filled =
        copied.some((c) => c.name === pg.column_name) ||
        pg.is_nullable === 'YES' ||
        pg.column_default !== null ||
        pg.is_identity === 'YES' ||
        pg.is_generated === 'ALWAYS'
      if (!filled) {
        throw new SchemaMismatchError(
          `The PostgreSQL column ${table}.${pg.column_name} needs a value the SQLite file does not have.`,
        )
      }
    }
    const where = LeftBehind[table]
    const rows = sqlite
      .prepare<[], { n: number }>(
        `SELECT COUNT(*) AS n FROM ${quoteIdent(table)}${where ? ` WHERE ${where}` : ''}`,
      )
      .get()!.n
    plans.push({
      table,
      columns: copied,
      where,
      orderBy: /WITHOUT\s+ROWID/i.test(sql) ? '1' : 'rowid',
      rows,
      autoincrement: sequences.get(table),
    })
  }
  const quarantined = sqliteTables.some((t) => t.name === Quarantine)
    ? sqlite.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${Quarantine}`).get()!.n
    : 0
  return { tables: await inForeignKeyOrder(plans, tx), quarantined }
}

/** Parents before the tables that refer to them. */
async function inForeignKeyOrder(plans: TablePlan[], tx: Tx): Promise<TablePlan[]> {
  const { rows } = await tx.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid
     JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema() AND ch.relname <> pa.relname`,
  )
  const ordered: TablePlan[] = []
  const left = [...plans]
  while (left.length > 0) {
    const placed = new Set(ordered.map((p) => p.table))
    const waiting = new Set(left.map((p) => p.table))
    const ready = left.findIndex(
      (p) =>
        !rows.some((r) => r.child === p.table && waiting.has(r.parent) && !placed.has(r.parent)),
    )
    // A cycle of foreign keys: no order satisfies them, and PostgreSQL will say which.
    ordered.push(...left.splice(ready === -1 ? 0 : ready, 1))
  }
  return ordered
}

/** What went into PostgreSQL for one table. */
export interface CopiedTable {
  rows: number
  bytes: number
}

const MaxBatchRows = 1000
const MaxBatchBytes = 8 * 1024 * 1024
/** PostgreSQL takes at most 65535 parameters per statement. */
const MaxParameters = 60_000

/** A SQLite value as PostgreSQL's column type takes it. */
function toPostgres(value: unknown, type: string): unknown {
  if (value === null) return null
  if (type === 'boolean') return Number(value) !== 0
  if (type === 'bytea' && typeof value === 'string') return Buffer.from(value, 'utf8')
  // Integers are read as BigInt so none loses precision; pg takes their decimal text.
  if (typeof value === 'bigint') return value.toString()
  return value
}

const sizeOf = (value: unknown) =>
  Buffer.isBuffer(value)
    ? value.byteLength
    : typeof value === 'string'
      ? Buffer.byteLength(value)
      : 8

/**
 * Copies one table's rows in batches: a board's document may be many MB, so rows are read one
 * at a time from SQLite and sent as multi-row inserts of at most 1000 rows or 8 MiB.
 */
export async function copyTable(
  sqlite: Database.Database,
  tx: Tx,
  plan: TablePlan,
): Promise<CopiedTable> {
  const names = plan.columns.map((c) => quoteIdent(c.name))
  if (names.length === 0) return { rows: 0, bytes: 0 }
  const read = sqlite
    .prepare(
      `SELECT ${names.join(', ')} FROM ${quoteIdent(plan.table)}` +
        `${plan.where ? ` WHERE ${plan.where}` : ''} ORDER BY ${plan.orderBy}`,
    )
    .raw(true)
    .safeIntegers(true)
  const overriding = plan.columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : ''
  const head = `INSERT INTO ${quoteIdent(plan.table)} (${names.join(', ')})${overriding} VALUES `
  const maxRows = Math.min(MaxBatchRows, Math.floor(MaxParameters / names.length))

  let batch: unknown[] = []
  let batchRows = 0
  let batchBytes = 0
  const total: CopiedTable = { rows: 0, bytes: 0 }
  const flush = async () => {
    if (batchRows === 0) return
    const tuples = Array.from(
      { length: batchRows },
      (_, r) => `(${names.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`,
    )
    await tx.query(head + tuples.join(', '), batch)
    total.rows += batchRows
    total.bytes += batchBytes
    batch = []
    batchRows = 0
    batchBytes = 0
  }
  for (const row of read.iterate() as Iterable<unknown[]>) {
    row.forEach((value, i) => {
      batch.push(toPostgres(value, plan.columns[i]!.type))
      batchBytes += sizeOf(value)
    })
    batchRows++
    if (batchRows >= maxRows || batchBytes >= MaxBatchBytes) await flush()
  }
  await flush()
  return total
}

/**
 * Moves every sequence behind a copied column (identities such as `doc_updates.seq`) past the
 * copied values, and past what SQLite's AUTOINCREMENT handed out, so new rows get higher numbers.
 */
export async function resetSequences(tx: Tx, plans: TablePlan[]): Promise<void> {
  for (const plan of plans) {
    for (const column of plan.columns) {
      const { rows } = await tx.query<{ sequence: string | null }>(
        'SELECT pg_get_serial_sequence($1, $2) AS sequence',
        [quoteIdent(plan.table), column.name],
      )
      const sequence = rows[0]?.sequence
      if (!sequence) continue
      const { rows: max } = await tx.query<{ max: string | null }>(
        `SELECT MAX(${quoteIdent(column.name)})::text AS max FROM ${quoteIdent(plan.table)}`,
      )
      const highest = Math.max(Number(max[0]?.max ?? 0), plan.autoincrement ?? 0)
      if (highest >= 1) await tx.query('SELECT setval($1, $2, true)', [sequence, highest])
    }
  }
}

/** Row counts of the copied tables in PostgreSQL that differ from what was read from SQLite. */
export async function countMismatches(tx: Tx, plans: TablePlan[]): Promise<string[]> {
  const problems: string[] = []
  for (const plan of plans) {
    const { rows } = await tx.query<{ n: string }>(
      `SELECT COUNT(*)::text AS n FROM ${quoteIdent(plan.table)}`,
    )
    const n = Number(rows[0]?.n ?? 0)
    if (n !== plan.rows) problems.push(`${plan.table}: ${plan.rows} rows in SQLite, ${n} copied`)
  }
  return problems
}

/** The copied tables that already hold rows in PostgreSQL, with their counts. */
export async function occupiedTables(
  tx: Tx,
  plans: TablePlan[],
): Promise<{ table: string; rows: number }[]> {
  const occupied: { table: string; rows: number }[] = []
  for (const { table } of plans) {
    const { rows } = await tx.query<{ n: string }>(
      `SELECT COUNT(*)::text AS n FROM ${quoteIdent(table)}`,
    )
    const n = Number(rows[0]?.n ?? 0)
    if (n > 0) occupied.push({ table, rows: n })
  }
  return occupied
}

/**
 * Locks the copied tables against every other writer (a server started on the database too
 * early) until the copy commits or rolls back.
 */
export async function lockTables(tx: Tx, plans: TablePlan[]): Promise<void> {
  if (plans.length === 0) return
  await tx.query("SET LOCAL lock_timeout = '10s'")
  await tx.query(`LOCK TABLE ${plans.map((p) => quoteIdent(p.table)).join(', ')} IN EXCLUSIVE MODE`)
}
