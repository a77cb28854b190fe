import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../config.js'

/** Where a command writes: the real stdout and stderr, or buffers in tests. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}

/**
 * The data directory of the SQLite file, read from the environment the same way the server
 * reads it; a bad environment, or one that keeps the data in PostgreSQL, is reported on `io`
 * and gives null (the command then exits 2).
 */
export function readDataDir(env: Record<string, string | undefined>, io: CliIo): string | null {
  try {
    const config = loadConfig(env)
    if (config.databaseUrl) {
      io.err(
        'DATABASE_URL is set: the data lives in PostgreSQL, and this command is for the SQLite ' +
          "file. Use PostgreSQL's own tools (pg_dump, pg_restore).",
      )
      return null
    }
    return config.dataDir
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error))
    return null
  }
}

/** Whether the module at `moduleUrl` is the script node was started with. */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl))
  } catch {
    return false
  }
}

export const formatBytes = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** Runs a command's main function and exits with its code; an unexpected throw exits 2. */
export function runMain(main: () => number | Promise<number>) {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code
      },
      (error: unknown) => {
        processIo.err(`Error: ${error instanceof Error ? error.message : String(error)}`)
        process.exitCode = 2
      },
    )
}
