import { parseArgs } from 'node:util'
import { FuzzFailure } from './invariants.js'
import { runMemoryFuzz } from './memoryFuzz.js'
import {
  runServerFuzz,
  startClusterServices,
  stopClusterServices,
  type ClusterServices,
} from './serverFuzz.js'
import type { FuzzStats, Transport } from './types.js'

/**
 * Runs the convergence fuzz for many seeds and prints a summary.
 *
 *   npm run fuzz -- --seeds 1000                 seeds 1..1000 on both transports
 *   npm run fuzz -- --seed 42 --transport server one seed, with its progress printed
 *   npm run fuzz -- --seeds 200 --from 5000      seeds 5000..5199
 *   npm run fuzz -- --transport server --instances 2 --seeds 30
 *                                                the server transport as two instances on one
 *                                                PostgreSQL database and one Redis
 *
 * Exits with 1 when any seed fails; each failure is printed with the command that replays it.
 */
const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    seed: { type: 'string' },
    from: { type: 'string', default: '1' },
    transport: { type: 'string', default: 'both' },
    clients: { type: 'string' },
    steps: { type: 'string' },
    instances: { type: 'string', default: '1' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
})

const transports: Transport[] =
  values.transport === 'both' ? ['memory', 'server'] : [values.transport as Transport]
if (!transports.every((t) => t === 'memory' || t === 'server')) {
  console.error(`--transport must be memory, server or both, not ${values.transport}`)
  process.exit(2)
}
if (values.instances !== '1' && values.instances !== '2') {
  console.error(`--instances must be 1 or 2, not ${values.instances}`)
  process.exit(2)
}
const instances: 1 | 2 = values.instances === '2' ? 2 : 1
const seeds =
  values.seed !== undefined
    ? [Number(values.seed)]
    : Array.from({ length: Number(values.seeds ?? 20) }, (_, i) => Number(values.from) + i)
if (seeds.some((s) => !Number.isInteger(s))) {
  console.error('--seed, --seeds and --from take integers')
  process.exit(2)
}
const verbose = values.verbose || values.seed !== undefined
const options = {
  ...(values.clients ? { clients: Number(values.clients) } : {}),
  ...(values.steps ? { steps: Number(values.steps) } : {}),
  instances,
  ...(verbose ? { log: (line: string) => console.log(`    ${line}`) } : {}),
}

interface Failure {
  transport: Transport
  seed: number
  message: string
}

// An exception thrown outside the run's own promise chain (a server timer, a socket handler)
// fails the seed that was running instead of ending the whole run.
const uncaught: unknown[] = []
process.on('uncaughtException', (error) => uncaught.push(error))
process.on('unhandledRejection', (error) => uncaught.push(error))

// Two instances share one PostgreSQL server and one Redis across seeds; each seed gets its own
// database and board.
const services: ClusterServices | undefined =
  instances > 1 && transports.includes('server') ? await startClusterServices() : undefined
/** The server transport's name in the summary and in replay commands. */
const named = (transport: Transport) =>
  transport === 'server' && instances > 1 ? `server --instances ${instances}` : transport

const results = new Map<Transport, FuzzStats[]>(transports.map((t) => [t, []]))
const failures: Failure[] = []
const started = performance.now()

for (const transport of transports) {
  for (const seed of seeds) {
    try {
      uncaught.length = 0
      const stats =
        transport === 'memory'
          ? runMemoryFuzz(seed, options)
          : await runServerFuzz(seed, { ...options, ...(services ? { services } : {}) })
      if (uncaught.length > 0) {
        const first = uncaught[0]
        throw new FuzzFailure(
          `uncaught exception during the run: ${first instanceof Error ? (first.stack ?? first.message) : String(first)}`,
        )
      }
      results.get(transport)!.push(stats)
      if (verbose) console.log(`${named(transport)} seed ${seed}: ok in ${stats.ms} ms`)
    } catch (error) {
      const message =
        error instanceof FuzzFailure ? error.message : ((error as Error).stack ?? String(error))
      failures.push({ transport, seed, message })
      console.log(`${named(transport)} seed ${seed}: FAILED\n${indent(message)}`)
    }
    if (!verbose) process.stdout.write('.')
  }
  if (!verbose) process.stdout.write('\n')
}

const rows = transports.map((transport) => {
  const runs = results.get(transport)!
  const failed = failures.filter((f) => f.transport === transport).length
  const sum = (key: keyof FuzzStats) => runs.reduce((n, r) => n + (r[key] as number), 0)
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)
  return {
    transport: named(transport),
    seeds: runs.length + failed,
    passed: runs.length,
    failed,
    edits: sum('edits'),
    disconnects: sum('disconnects'),
    restarts: sum('restarts'),
    'fault windows': sum('faultWindows'),
    'refused writes': sum('refused'),
    'median ms': ms[Math.floor(ms.length / 2)] ?? 0,
    'max ms': ms[ms.length - 1] ?? 0,
  }
})
if (services) await stopClusterServices(services)
console.log()
console.table(rows)
console.log(
  `${seeds.length * transports.length} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
if (failures.length > 0) {
  console.log('\nFailing seeds:')
  for (const f of failures) {
    console.log(
      `  ${f.transport} ${f.seed}: npm run fuzz -- --seed ${f.seed} --transport ${named(f.transport)}`,
    )
    console.log(indent(f.message.split('\n').slice(0, 3).join('\n'), 6))
  }
  process.exit(1)
}
process.exit(0)

function indent(text: string, spaces = 4) {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n')
}
