import { rmSync } from 'node:fs'
import { makeDataDir, startServerProcess, type ServerProcess } from '../test/helpers/server.js'
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

/** Starts `server/main.ts` on a free port with `dataDir` (a fresh one if omitted). */
export async function startBenchServer(
  dataDir = makeDataDir(),
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const proc = await withTimeout(
    startServerProcess(dataDir, { LOG_LEVEL: 'warn', ...env }),
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
