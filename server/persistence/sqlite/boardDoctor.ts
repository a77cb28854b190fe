import type { Database as Db } from 'better-sqlite3'
import * as Y from 'yjs'

/** One stored update that cannot be used, and why. */
export interface RowProblem {
  seq: number
  cause: string
}

export interface BoardCheck {
  boardId: string
  /** From the boards table; undefined for updates whose board row is missing or unreadable. */
  title?: string
  deleted: boolean
  /** Whether the boards table has a row for it. */
  listed: boolean
  /** Stored updates the server loads (quarantined ones excluded). */
  rows: number
  /** Updates kept aside by an earlier salvage; never loaded. */
  quarantined: number
  bytes: number
  problems: RowProblem[]
  /** After replaying, some updates still wait for earlier ones that are not stored. */
  pending: boolean
  /**
   * `ok`; `unreadable`: some stored update cannot be read, decoded or applied, so the server
   * cannot load the board; `incomplete`: it loads, but part of it refers to updates that are
   * not stored and stays hidden.
   */
  status: 'ok' | 'unreadable' | 'incomplete'
}

export interface DoctorReport {
  /** `['ok']` when PRAGMA integrity_check found nothing, else its messages. */
  integrity: string[]
  /** Set when the integrity check itself could not run. */
  integrityError?: string
  /** How the stored updates were listed: through the board index, the table, or one by one. */
  listedBy: 'index' | 'table' | 'probe'
  boards: BoardCheck[]
  /** Rows that could not even be attributed to a board (damaged table pages). */
  unattributed: RowProblem[]
  /** Set when the boards table could not be read. */
  boardsError?: string
}

export interface SalvageResult {
  boardId: string
  /** Seqs whose updates went into the rebuilt update. */
  kept: number[]
  dropped: RowProblem[]
  /** Seq of the appended rebuilt update. */
  newSeq: number
  newBytes: number
  /** Whether the rebuilt board still refers to updates that are not stored. */
  pending: boolean
  /** Top-level parts of the rebuilt document with their number of entries. */
  contents: Record<string, number>
}

export class SalvageError extends Error {}

/** The board's stored updates all read, decode and apply: there is nothing to rebuild. */
export class NothingToSalvageError extends SalvageError {}

const QuarantineSchema = `CREATE TABLE IF NOT EXISTS quarantined_updates (
  seq INTEGER PRIMARY KEY,
  board_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
)`

export const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}

const hasTable = (db: Db, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
  undefined

interface RowRef {
  seq: number
  boardId: string
}

/**
 * Lists every stored update's seq and board. The board index is read first (it holds both and
 * never touches the update bytes); if it is damaged, the table is scanned; if that fails part
 * way, the remaining seqs are looked up one at a time, so one damaged page hides only its own
 * rows.
 */
export function listStoredRows(db: Db): {
  rows: RowRef[]
  listedBy: DoctorReport['listedBy']
  unattributed: RowProblem[]
} {
  try {
    const rows = db
      .prepare(
        'SELECT seq, board_id AS boardId FROM doc_updates INDEXED BY doc_updates_board ORDER BY board_id, seq',
      )
      .all() as RowRef[]
    return { rows: rows.sort((a, b) => a.seq - b.seq), listedBy: 'index', unattributed: [] }
  } catch {
    // The index is missing or damaged: fall through to the table.
  }
  const rows: RowRef[] = []
  try {
    for (const row of db
      .prepare('SELECT seq, board_id AS boardId FROM doc_updates ORDER BY seq')
      .iterate() as IterableIterator<RowRef>) {
      rows.push(row)
    }
    return { rows, listedBy: 'table', unattributed: [] }
  } catch {
    // A damaged page: look up what is left one seq at a time.
  }
  let maxSeq = 0
  try {
    maxSeq = Number(
      db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'doc_updates'").pluck().get() ?? 0,
    )
  } catch {
    // sqlite_sequence is damaged too; the rightmost row may still be reachable.
  }
  try {
    maxSeq = Math.max(
      maxSeq,
      Number(db.prepare('SELECT max(seq) FROM doc_updates').pluck().get() ?? 0),
    )
  } catch {
    // Nothing better to go on.
  }
  const unattributed: RowProblem[] = []
  const lookup = db.prepare('SELECT board_id FROM doc_updates WHERE seq = ?').pluck()
  for (let seq = (rows.at(-1)?.seq ?? 0) + 1; seq <= maxSeq; seq++) {
    try {
      const boardId = lookup.get(seq) as string | undefined
      if (boardId !== undefined) rows.push({ seq, boardId })
    } catch (error) {
      unattributed.push({ seq, cause: describeError(error) })
    }
  }
  return { rows, listedBy: 'probe', unattributed }
}

function quarantinedSeqs(db: Db): Map<number, string> {
  if (!hasTable(db, 'quarantined_updates')) return new Map()
  const rows = db.prepare('SELECT seq, board_id FROM quarantined_updates').all() as {
    seq: number
    board_id: string
  }[]
  return new Map(rows.map((r) => [r.seq, r.board_id]))
}

interface Replay {
  doc: Y.Doc
  good: number[]
  problems: RowProblem[]
  bytes: number
}

/**
 * Reads each update by its own seq, decodes it and applies it, in seq order, into a fresh doc.
 * An update that fails any step is recorded and skipped; the rest still go in.
 */
function replay(db: Db, seqs: number[]): Replay {
  const read = db.prepare('SELECT data FROM doc_updates WHERE seq = ?').pluck()
  const doc = new Y.Doc()
  const good: number[] = []
  const problems: RowProblem[] = []
  let bytes = 0
  for (const seq of seqs) {
    let update: Uint8Array
    try {
      const data = read.get(seq) as unknown
      if (data === undefined) throw new Error('the row disappeared while reading')
      if (!(data instanceof Uint8Array)) throw new Error(`stored as ${typeof data}, not bytes`)
      update = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      bytes += update.byteLength
    } catch (error) {
      problems.push({ seq, cause: `cannot be read: ${describeError(error)}` })
      continue
    }
    try {
      Y.decodeUpdate(update)
    } catch (error) {
      problems.push({
        seq,
        cause: `not a valid update (${update.byteLength} bytes): ${describeError(error)}`,
      })
      continue
    }
    try {
      Y.applyUpdate(doc, update)
      good.push(seq)
    } catch (error) {
      problems.push({ seq, cause: `cannot be applied: ${describeError(error)}` })
    }
  }
  return { doc, good, problems, bytes }
}

const isPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null

/** Checks the file with PRAGMA integrity_check, then replays every board's stored updates. */
export function examineDatabase(db: Db, { maxIntegrityMessages = 100 } = {}): DoctorReport {
  let integrity: string[] = []
  let integrityError: string | undefined
  try {
    integrity = db
      .prepare(`PRAGMA integrity_check(${maxIntegrityMessages})`)
      .pluck()
      .all() as string[]
  } catch (error) {
    integrityError = describeError(error)
  }

  const listed = new Map<string, { title: string; deleted: boolean }>()
  let boardsError: string | undefined
  try {
    const rows = db.prepare('SELECT id, title, deleted_at FROM boards ORDER BY id').all() as {
      id: string
      title: string
      deleted_at: number | null
    }[]
    for (const row of rows)
      listed.set(row.id, { title: row.title, deleted: row.deleted_at !== null })
  } catch (error) {
    boardsError = describeError(error)
  }

  const { rows, listedBy, unattributed } = listStoredRows(db)
  const quarantine = quarantinedSeqs(db)
  const byBoard = new Map<string, { live: number[]; quarantined: number }>()
  for (const id of listed.keys()) byBoard.set(id, { live: [], quarantined: 0 })
  for (const { seq, boardId } of rows) {
    let entry = byBoard.get(boardId)
    if (!entry) byBoard.set(boardId, (entry = { live: [], quarantined: 0 }))
    if (quarantine.has(seq)) entry.quarantined++
    else entry.live.push(seq)
  }

  const boards: BoardCheck[] = []
  for (const [boardId, { live, quarantined }] of [...byBoard].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const result = replay(db, live)
    const pending = isPending(result.doc)
    result.doc.destroy()
    const info = listed.get(boardId)
    boards.push({
      boardId,
      ...(info ? { title: info.title } : {}),
      deleted: info?.deleted ?? false,
      listed: info !== undefined,
      rows: live.length,
      quarantined,
      bytes: result.bytes,
      problems: result.problems,
      pending,
      status: result.problems.length > 0 ? 'unreadable' : pending ? 'incomplete' : 'ok',
    })
  }

  return {
    integrity,
    ...(integrityError !== undefined ? { integrityError } : {}),
    listedBy,
    boards,
    unattributed,
    ...(boardsError !== undefined ? { boardsError } : {}),
  }
}

/**
 * Rebuilds a board from the stored updates that still read, decode and apply. First the board's
 * updates are replayed and the rebuilt state is checked to load on its own. Then, in one write
 * transaction (if the board's stored updates are still the same, else it starts over): every
 * original update of the board is kept but quarantined (never loaded or compacted again; the
 * reason says whether it went into the rebuilt state or was dropped), and one new update
 * holding the rebuilt state is appended. The two phases are separate because SQLite refuses to
 * commit a transaction that met a damaged page.
 */
export function salvageBoard(
  db: Db,
  boardId: string,
  { now = Date.now(), evenIfReadable = false }: { now?: number; evenIfReadable?: boolean } = {},
): SalvageResult {
  const liveSeqs = () => {
    const quarantine = quarantinedSeqs(db)
    return listStoredRows(db)
      .rows.filter((r) => r.boardId === boardId && !quarantine.has(r.seq))
      .map((r) => r.seq)
  }
  // Not in a transaction: SQLite refuses to commit a transaction that met a damaged page. The
  // stored rows never change once written, and the write phase checks that the set is the same.
  const rebuild = () => {
    const seqs = liveSeqs()
    if (seqs.length === 0) {
      throw new SalvageError(`Board ${boardId} has no stored updates to salvage`)
    }
    const { doc, good, problems } = replay(db, seqs)
    try {
      if (problems.length === 0 && !evenIfReadable) {
        throw new NothingToSalvageError(
          `All ${seqs.length} stored updates of board ${boardId} read and apply; nothing to salvage`,
        )
      }
      const snapshot = Y.encodeStateAsUpdate(doc)
      const contents: Record<string, number> = {}
      for (const [name, type] of doc.share) contents[name] = type._map.size + type._length
      const check = new Y.Doc()
      try {
        Y.applyUpdate(check, snapshot)
      } catch (error) {
        throw new SalvageError(`The rebuilt state does not load: ${describeError(error)}`)
      } finally {
        check.destroy()
      }
      return { seqs, good, problems, snapshot, contents, pending: isPending(doc) }
    } finally {
      doc.destroy()
    }
  }

  const store = db.transaction((plan: ReturnType<typeof rebuild>): SalvageResult | undefined => {
    db.exec(QuarantineSchema)
    const current = liveSeqs()
    if (current.length !== plan.seqs.length || current.some((seq, i) => seq !== plan.seqs[i])) {
      return undefined
    }
    const newSeq = Number(
      db
        .prepare('INSERT INTO doc_updates (board_id, data) VALUES (?, ?)')
        .run(boardId, plan.snapshot).lastInsertRowid,
    )
    const at = new Date(now).toISOString()
    const insert = db.prepare(
      'INSERT INTO quarantined_updates (seq, board_id, reason, at) VALUES (?, ?, ?, ?)',
    )
    for (const seq of plan.good) {
      insert.run(seq, boardId, `salvage ${at}: kept, superseded by rebuilt update ${newSeq}`, now)
    }
    for (const problem of plan.problems) {
      insert.run(
        problem.seq,
        boardId,
        `salvage ${at}: dropped from rebuilt update ${newSeq}: ${problem.cause}`,
        now,
      )
    }
    return {
      boardId,
      kept: plan.good,
      dropped: plan.problems,
      newSeq,
      newBytes: plan.snapshot.byteLength,
      pending: plan.pending,
      contents: plan.contents,
    }
  })

  for (let attempt = 0; attempt < 5; attempt++) {
    const result = store.immediate(rebuild())
    if (result) return result
  }
  throw new SalvageError(
    `Board ${boardId} kept receiving updates while it was being rebuilt; stop the server and try again`,
  )
}
