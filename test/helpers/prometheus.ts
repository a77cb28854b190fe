import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.js'

/** Debian's `prometheus` package puts the server here. */
const PrometheusBinary = '/usr/bin/prometheus'

/** Whether Debian's `prometheus` is installed. */
export const prometheusInstalled = () => existsSync(PrometheusBinary)

/** A throwaway Prometheus of one test file, scraping a small exporter the test serves. */
export interface TestPrometheus {
  /** `http://127.0.0.1:<port>`, the base URL a source names. */
  url: string
  /** Sets a gauge the exporter serves (scraped every second). */
  setGauge(name: string, value: number): void
  /** Resolves once `query` returns a sample whose value is `value`. */
  waitForValue(query: string, value: number, timeoutMs?: number): Promise<void>
  /** Stops Prometheus and the exporter and removes the folder. */
  destroy(): Promise<void>
}

/** An exporter serving gauges in the Prometheus text format on a free port. */
async function startExporter(
  gauges: Map<string, number>,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end()
      return
    }
    const lines = [...gauges].flatMap(([name, value]) => [
      `# TYPE ${name} gauge`,
      `${name} ${value}`,
    ])
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as { port: number }).port }
}

async function instantValue(url: string, query: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)
    if (!res.ok) return null
    const body = (await res.json()) as { data?: { result?: { value?: [number, string] }[] } }
    const value = body.data?.result?.[0]?.value?.[1]
    return value === undefined ? null : Number(value)
  } catch {
    return null
  }
}

const kill = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

/**
 * Starts the real Prometheus (Debian's package) in a temp folder on a free port, scraping an
 * exporter served by this process every second, and waits until it has scraped it.
 */
export async function startTestPrometheus(
  initial: Record<string, number> = {},
): Promise<TestPrometheus> {
  if (!prometheusInstalled()) {
    throw new Error('Prometheus is not installed: apt-get install prometheus')
  }
  const gauges = new Map(Object.entries(initial))
  gauges.set('exporter_up', 1)
  const exporter = await startExporter(gauges)
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-prometheus-'))
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: exporter',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${exporter.port}']`,
      '',
    ].join('\n'),
  )
  let child: ChildProcess | undefined
  let url = ''
  let output = ''
  for (let attempt = 0; !child; attempt++) {
    const port = await freePort()
    url = `http://127.0.0.1:${port}`
    const started = spawn(
      PrometheusBinary,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
    )
    output = ''
    started.stdout!.on('data', (c: Buffer) => (output += c.toString()))
    started.stderr!.on('data', (c: Buffer) => (output += c.toString()))
    let exited = false
    started.once('exit', () => (exited = true))
    const deadline = Date.now() + 60_000
    for (;;) {
      if (exited) break
      if ((await instantValue(url, 'exporter_up')) === 1) {
        child = started
        break
      }
      if (Date.now() > deadline) {
        await kill(started)
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    if (!child && attempt >= 2) {
      exporter.server.close()
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`prometheus did not start: ${output.slice(-2000)}`)
    }
  }
  const running = child
  const killOnExit = () => {
    running.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', killOnExit)
  return {
    url,
    setGauge: (name, value) => gauges.set(name, value),
    async waitForValue(query, value, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      while ((await instantValue(url, query)) !== value) {
        if (Date.now() > deadline) throw new Error(`${query} did not become ${value}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    async destroy() {
      process.off('exit', killOnExit)
      await kill(running)
      exporter.server.closeAllConnections()
      await new Promise((resolve) => exporter.server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
