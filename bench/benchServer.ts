import { rmSync } from 'node:fs'
import { makeDataDir, startServerProcess, type ServerProcess } from '../test/helpers/server.js'
import { buildChanged } from '../scripts/build.js'
import { withTimeout } from './wait.js'

/** A server running as its own process, so client work does not share its event loop. */
export interface BenchServer {
  url: string
  wsUrl: string
  pid: number
  dataDir: string
  /** Stops the process (SIGTERM, then SIGKILL if it hangs); the data directory is kept. */
  stop(): Promise<void>
}

const running = new Set<ServerProcess>()

// A benchmark that throws or is interrupted must not leave servers behind.
process.once('exit', () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL')
})

/**
 * Which server the bench measures: `compiled` (default) runs dist/server as `npm start` does,
 * built first if its sources changed; `BENCH_SERVER=source` runs server/main.ts through tsx.
 */
export const benchServerKind: 'compiled' | 'source' =
  process.env.BENCH_SERVER === 'source' ? 'source' : 'compiled'

let built = false
function ensureBuilt() {
  if (built || benchServerKind !== 'compiled') return
  buildChanged({ only: 'server', log: (line) => process.stderr.write(`bench: ${line}\n`) })
  built = true
}

/** Starts the server on a free port with `dataDir` (a fresh one if omitted). */
export async function startBenchServer(
  dataDir = makeDataDir(),
  env: Record<string, string> = {},
): Promise<BenchServer> {
  ensureBuilt()
  const proc = await withTimeout(
    startServerProcess(
      dataDir,
      { LOG_LEVEL: 'warn', ...env },
      { compiled: benchServerKind === 'compiled' },
    ),
    30_000,
    'server process start',
  )
  running.add(proc)
  const pid = proc.child.pid
  if (pid === undefined) throw new Error('server process has no pid')
  return {
    url: proc.url,
    wsUrl: proc.wsUrl,
    pid,
    dataDir,
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGTERM')
        try {
          await withTimeout(proc.exited, 15_000, 'server shutdown')
        } catch {
          proc.child.kill('SIGKILL')
          await withTimeout(proc.exited, 5_000, 'server kill')
        }
      }
      running.delete(proc)
    },
  }
}

/** Removes a data directory made by `makeDataDir`. */
export const removeDataDir = (dataDir: string) => rmSync(dataDir, { recursive: true, force: true })
