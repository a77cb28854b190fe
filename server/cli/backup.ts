import { parseArgs } from 'node:util'
import { BackupError, backupDatabase } from '../persistence/sqlite/onlineBackup.js'
import { databasePath } from '../persistence/sqlite/integrityCheck.js'
import {
  readDataDir,
  formatBytes,
  isEntryPoint,
  processIo,
  runMain,
  type CliIo,
} from './cliSupport.js'

const Usage = `Usage: npm run backup -- <file> [--force]

Writes a consistent copy of the database in DATA_DIR to <file>, safely while the server runs.
  --force   overwrite <file> if it exists

Restore: stop the server, copy the file to <DATA_DIR>/discovery-board.sqlite, and remove
discovery-board.sqlite-wal, -shm and .running next to it (see docs/operations.md).`

/** `npm run backup -- <file> [--force]`; returns the exit code. */
export function backupMain(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): number {
  let values: { force?: boolean; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    }))
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${Usage}`)
    return 2
  }
  if (values.help) {
    io.out(Usage)
    return 0
  }
  if (positionals.length !== 1) {
    io.err(`Name one file to write the backup to.\n\n${Usage}`)
    return 2
  }

  const dataDir = readDataDir(env, io)
  if (dataDir === null) return 2
  try {
    const result = backupDatabase({
      dataDir,
      target: positionals[0]!,
      force: values.force ?? false,
    })
    const deleted = result.deletedBoards > 0 ? ` (${result.deletedBoards} of them deleted)` : ''
    io.out(`Backed up ${databasePath(dataDir)}`)
    io.out(`  to ${result.target}`)
    io.out(
      `  ${formatBytes(result.bytes)}, ${result.boards} boards${deleted}, ` +
        `${result.updates} stored updates, in ${result.durationMs} ms`,
    )
    return 0
  } catch (error) {
    io.err(
      error instanceof BackupError
        ? error.message
        : `Backup failed: ${error instanceof Error ? error.message : String(error)}`,
    )
    return 1
  }
}

if (isEntryPoint(import.meta.url)) runMain(() => backupMain(process.argv.slice(2)))
