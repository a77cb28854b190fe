import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  describeError,
  examineDatabase,
  NothingToSalvageError,
  SalvageError,
  salvageBoard,
  type BoardCheck,
  type DoctorReport,
} from '../persistence/sqlite/boardDoctor.js'
import { databasePath, serverAppearsRunning } from '../persistence/sqlite/integrityCheck.js'
import {
  readDataDir,
  formatBytes,
  isEntryPoint,
  processIo,
  runMain,
  type CliIo,
} from './cliSupport.js'

const Usage = `Usage: npm run doctor [-- --json]
       npm run doctor -- --salvage <boardId> [--force]

Without options: checks the database in DATA_DIR (PRAGMA integrity_check), then replays every
board's stored updates one by one and lists the boards that cannot be loaded, with the cause.
Exit code 0: all healthy; 1: problems found; 2: the check could not run.

--salvage <boardId>  rebuilds the board from its stored updates that still read: the original
                     rows are kept but quarantined (never loaded again), and one new update
                     with the rebuilt board is appended, in one transaction.
--force              salvage even while the server appears to be running, or a board whose
                     updates all read.
--json               print the check's report as JSON.`

/** "1-3, 5, 8-9" */
export function formatSeqs(seqs: number[]): string {
  const parts: string[] = []
  const sorted = [...seqs].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(', ')
}

const describeBoard = (b: BoardCheck) => {
  // A person's private drafts are stored as a document of their own (server/drafts/draftIds.ts).
  const unlisted = b.boardId.includes('/drafts/') ? ' (private drafts)' : ' (no row in boards)'
  const name = b.title !== undefined ? ` "${b.title}"` : b.listed ? '' : unlisted
  const deleted = b.deleted ? ', deleted' : ''
  const quarantined = b.quarantined > 0 ? `, ${b.quarantined} quarantined` : ''
  return `${b.boardId}${name}${deleted}: ${b.rows} stored updates (${formatBytes(b.bytes)} readable)${quarantined}`
}

/** Prints a check's report; returns the exit code it implies. */
export function printReport(report: DoctorReport, file: string, io: CliIo): number {
  let problems = false
  io.out(`Database: ${file}`)
  if (report.integrityError !== undefined) {
    problems = true
    io.out(`Integrity check: could not run: ${report.integrityError}`)
  } else if (report.integrity.length === 1 && report.integrity[0] === 'ok') {
    io.out('Integrity check: ok')
  } else {
    problems = true
    io.out(`Integrity check: ${report.integrity.length} problem(s) in the file:`)
    for (const line of report.integrity) io.out(`  ${line}`)
  }
  if (report.boardsError !== undefined) {
    problems = true
    io.out(`The boards table cannot be read: ${report.boardsError}`)
  }

  const unreadable = report.boards.filter((b) => b.status === 'unreadable')
  const incomplete = report.boards.filter((b) => b.status === 'incomplete')
  const ok = report.boards.length - unreadable.length - incomplete.length
  const via =
    report.listedBy === 'index'
      ? ''
      : ` (listed through the ${report.listedBy === 'table' ? 'table: the board index is damaged' : 'seqs one by one: the table is damaged'})`
  io.out(
    `Boards: ${report.boards.length} checked${via}: ${ok} ok, ${unreadable.length} unreadable, ` +
      `${incomplete.length} incomplete`,
  )
  if (unreadable.length > 0) {
    problems = true
    io.out('')
    io.out('Unreadable boards (the server cannot load them):')
    for (const board of unreadable) {
      io.out(`  ${describeBoard(board)}, ${board.problems.length} unusable:`)
      for (const p of board.problems) io.out(`    seq ${p.seq}: ${p.cause}`)
    }
    io.out('')
    io.out(
      'Restore the database from a backup, or rebuild a board from the updates that still read:',
    )
    io.out(`  npm run doctor -- --salvage ${unreadable[0]!.boardId}`)
  }
  if (incomplete.length > 0) {
    io.out('')
    io.out(
      'Incomplete boards (they load, but some of their updates refer to earlier ones that are ' +
        'not stored; that part stays hidden until a client that has them reconnects):',
    )
    for (const board of incomplete) io.out(`  ${describeBoard(board)}`)
  }
  if (report.unattributed.length > 0) {
    problems = true
    io.out('')
    io.out(
      `Stored updates that cannot be read at all (board unknown): ${report.unattributed.length}`,
    )
    const byCause = new Map<string, number[]>()
    for (const p of report.unattributed)
      byCause.set(p.cause, [...(byCause.get(p.cause) ?? []), p.seq])
    for (const [cause, seqs] of byCause) io.out(`  seq ${formatSeqs(seqs)}: ${cause}`)
  }
  if (!problems) io.out('No problems found.')
  return problems ? 1 : 0
}

function salvage(
  file: string,
  dataDir: string,
  boardId: string,
  force: boolean,
  io: CliIo,
): number {
  const running = serverAppearsRunning(dataDir)
  const runningNote =
    'The server keeps a board it has open in memory: it will not see the rebuilt board until ' +
    'the board unloads (nobody connected for ROOM_UNLOAD_AFTER_MS) or the server restarts.'
  if (running.running && !force) {
    io.err(
      `The server appears to be running (pid ${running.marker?.pid ?? '?'}` +
        `${running.marker?.host ? ` on ${running.marker.host}` : ''}).`,
    )
    io.err('Salvaging alongside it is safe for the file (SQLite locks it), but:')
    io.err(runningNote)
    io.err('Stop the server first, or pass --force.')
    return 1
  }

  const db = new Database(file, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    const result = salvageBoard(db, boardId, { evenIfReadable: force })
    io.out(`Salvaged board ${boardId} in ${file}`)
    io.out(
      `  kept ${result.kept.length} stored update(s): seq ${formatSeqs(result.kept) || 'none'}`,
    )
    io.out(`  dropped ${result.dropped.length}:`)
    for (const p of result.dropped) io.out(`    seq ${p.seq}: ${p.cause}`)
    io.out(`  appended the rebuilt board as seq ${result.newSeq} (${formatBytes(result.newBytes)})`)
    const parts = Object.entries(result.contents)
    io.out(
      `  rebuilt contents: ${parts.length ? parts.map(([k, n]) => `${k} (${n} entries)`).join(', ') : 'empty'}`,
    )
    if (result.kept.length === 0) io.out('  Nothing could be read: the board will open empty.')
    if (result.pending) {
      io.out(
        '  Some kept updates refer to dropped ones; that part stays hidden until a client that ' +
          'still has the board reconnects and sends it.',
      )
    }
    io.out(
      `  The original rows stay in the file, listed in quarantined_updates with the reason; ` +
        'they are never loaded or compacted away.',
    )
    if (running.running) io.out(`  ${runningNote}`)
    else if (running.marker) {
      io.out('  (A run marker was left by a server that did not shut down cleanly.)')
    }
    return 0
  } catch (error) {
    if (error instanceof NothingToSalvageError) {
      io.out(`${error.message} (pass --force to rebuild it anyway).`)
      return 0
    }
    io.err(
      error instanceof SalvageError ? error.message : `Salvage failed: ${describeError(error)}`,
    )
    return 1
  } finally {
    db.close()
  }
}

/** `npm run doctor [-- --salvage <boardId> [--force]] [--json]`; returns the exit code. */
export function doctorMain(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): number {
  let values: { salvage?: string; force?: boolean; json?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        salvage: { type: 'string' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    io.err(`${describeError(error)}\n\n${Usage}`)
    return 2
  }
  if (values.help) {
    io.out(Usage)
    return 0
  }
  const dataDir = readDataDir(env, io)
  if (dataDir === null) return 2
  const file = databasePath(dataDir)
  if (!existsSync(file)) {
    io.err(`No database at ${file} (is DATA_DIR right?)`)
    return 2
  }
  if (values.salvage !== undefined) {
    if (!values.salvage) {
      io.err(`Name the board to salvage.\n\n${Usage}`)
      return 2
    }
    return salvage(file, dataDir, values.salvage, values.force ?? false, io)
  }

  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    io.err(`Cannot open ${file}: ${describeError(error)}`)
    return 2
  }
  try {
    db.pragma('busy_timeout = 5000')
    const report = examineDatabase(db)
    if (values.json) {
      io.out(JSON.stringify({ database: file, ...report }, null, 2))
      const bad =
        report.integrityError !== undefined ||
        report.boardsError !== undefined ||
        !(report.integrity.length === 1 && report.integrity[0] === 'ok') ||
        report.unattributed.length > 0 ||
        report.boards.some((b) => b.status === 'unreadable')
      return bad ? 1 : 0
    }
    return printReport(report, file, io)
  } catch (error) {
    io.err(`The check could not run: ${describeError(error)}`)
    return 2
  } finally {
    db.close()
  }
}

if (isEntryPoint(import.meta.url)) runMain(() => doctorMain(process.argv.slice(2)))
