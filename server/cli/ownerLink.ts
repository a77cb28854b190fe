import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { boardPath } from '../../shared/api/links.js'
import { createBoardAccess } from '../access/boardAccess.js'
import { createLogger } from '../logger.js'
import { databasePath } from '../persistence/sqlite/integrityCheck.js'
import { createSqlitePersistence } from '../persistence/sqlite/SqlitePersistence.js'
import { createPostgresPersistence } from '../persistence/postgres/PostgresPersistence.js'
import { loadConfig, type Config } from '../config.js'
import { isEntryPoint, processIo, runMain, type CliIo } from './cliSupport.js'

const Usage = `Usage: npm run owner-link -- <boardId>

Gives a board a new owner link and prints it, for the person running the server: for a board
whose owner link was lost, or one made before share links existed. Keys are kept only as
hashes, so a link cannot be shown again, only replaced: the board's previous owner link stops
working at once. Safe while the server runs. Open the printed path on the server's address.
Uses the server's DATA_DIR, or its PostgreSQL database when DATABASE_URL is set.`

/** `npm run owner-link -- <boardId>`; returns the exit code. */
export async function ownerLinkMain(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  let positionals: string[]
  let help: boolean | undefined
  try {
    ;({
      positionals,
      values: { help },
    } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    }))
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${Usage}`)
    return 2
  }
  if (help) {
    io.out(Usage)
    return 0
  }
  const boardId = BoardIdSchema.safeParse(positionals[0])
  if (positionals.length !== 1 || !boardId.success) {
    io.err(`Name one board id (22 letters, digits, - or _).\n\n${Usage}`)
    return 2
  }

  let config: Config
  try {
    config = loadConfig(env)
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error))
    return 2
  }
  const { dataDir, databaseUrl } = config
  if (!databaseUrl && !existsSync(databasePath(dataDir))) {
    io.err(`No database in ${dataDir}: set DATA_DIR to the server's data directory.`)
    return 1
  }
  // The same store the server uses: PostgreSQL when DATABASE_URL is set.
  const store = databaseUrl
    ? await createPostgresPersistence(databaseUrl)
    : createSqlitePersistence(dataDir)
  try {
    const board = await store.getBoard(boardId.data)
    if (!board) {
      io.err(`No board ${boardId.data} in ${databaseUrl ? 'the database' : databasePath(dataDir)}.`)
      return 1
    }
    const access = createBoardAccess({
      keys: store,
      openInstance: false,
      now: Date.now,
      log: createLogger('silent'),
    })
    const key = await access.replaceOwnerKey(board.id)
    io.out(`New owner link for "${board.title}" (${board.id}):`)
    io.out(`  ${boardPath(board.id, key)}`)
    io.out("Open it on the server's address. The previous owner link no longer works.")
    if (board.deletedAt) io.out('The board is deleted; its owner can restore it while it is kept.')
    return 0
  } finally {
    await store.close()
  }
}

if (isEntryPoint(import.meta.url)) runMain(() => ownerLinkMain(process.argv.slice(2)))
