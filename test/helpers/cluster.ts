import { rmSync } from 'node:fs'
import { onTestFailed, onTestFinished } from 'vitest'
import { startLoadBalancer, type LoadBalancer } from './loadBalancer.js'
import { startTestPostgres, type TestPostgres } from './postgres.js'
import { startTestRedis, type TestRedis } from './redis.js'
import { makeDataDir, startServerProcess, type ServerProcess } from './server.js'

/** Server instances sharing one PostgreSQL database and one Redis, behind a load balancer. */
export interface TestCluster {
  /** The instances' processes, by index; a killed one stays until `restart`. */
  readonly instances: readonly ServerProcess[]
  /** `http://` of instance `i`, to reach it past the load balancer. */
  url(i: number): string
  wsUrl(i: number): string
  /** The round-robin proxy in front of every instance. */
  balancer: LoadBalancer
  redis: TestRedis
  postgres: TestPostgres
  databaseUrl: string
  /** Kills instance `i` with SIGKILL, as a crash would; the balancer then skips it. */
  kill(i: number): Promise<void>
  /** Starts instance `i` again (killing it first if it runs), with its data folder and env. */
  restart(i: number): Promise<ServerProcess>
  /** Kills every instance and stops the balancer, Redis and (if the cluster started it) PostgreSQL. */
  stopAll(): Promise<void>
}

const running = (p: ServerProcess) => p.child.exitCode === null && p.child.signalCode === null

const killProcess = async (p: ServerProcess) => {
  if (running(p)) p.child.kill('SIGKILL')
  await p.exited
}

/**
 * Starts `instances` server processes (`node --import tsx server/main.ts`), each with its own
 * data folder, on one new PostgreSQL database and one new Redis server, and a load balancer in
 * front of them. Call it inside a test: everything it started is stopped when the test ends,
 * passed or failed, and a failing test prints the instances' logs. Pass `postgres` to share
 * one PostgreSQL server between the tests of a file (each cluster gets its own database).
 */
export async function startTestCluster(
  options: { instances?: number; env?: Record<string, string>; postgres?: TestPostgres } = {},
): Promise<TestCluster> {
  const count = options.instances ?? 2
  const processes: ServerProcess[] = []
  const dataDirs: string[] = []
  const owned: { postgres?: TestPostgres; redis?: TestRedis; balancer?: LoadBalancer } = {}
  let stopped = false

  const stopAll = async () => {
    if (stopped) return
    stopped = true
    process.off('exit', killOnExit)
    // A start that failed halfway leaves holes: skipped by filter.
    await Promise.all(processes.filter(Boolean).map(killProcess))
    await owned.balancer?.close()
    await owned.redis?.destroy()
    await owned.postgres?.destroy()
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
  }
  // Should the test process itself end first, the instances go with it.
  const killOnExit = () => {
    for (const p of processes.filter(Boolean)) if (running(p)) p.child.kill('SIGKILL')
  }
  process.once('exit', killOnExit)
  // Registered before anything starts, so a start that fails halfway leaves nothing behind.
  onTestFinished(stopAll)
  onTestFailed(() => {
    processes.forEach((p, i) => {
      const log = p.stderr().trim()
      if (log) console.error(`instance ${i} (${p.url}) logged:\n${log}`)
    })
  })

  const postgres = options.postgres ?? (owned.postgres = await startTestPostgres())
  const redis = (owned.redis = await startTestRedis())
  const databaseUrl = await postgres.createDatabase()
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    // Rooms unload soon after their last client leaves, as in startTestServer.
    ROOM_UNLOAD_AFTER_MS: '200',
    ...options.env,
  }
  for (let i = 0; i < count; i++) dataDirs.push(makeDataDir())
  // All at once, as instances of a deployment start (the store's migrations take a lock).
  const starts = await Promise.allSettled(
    dataDirs.map(async (dir, i) => {
      processes[i] = await startServerProcess(dir, env)
    }),
  )
  const failed = starts.find((s) => s.status === 'rejected')
  if (failed) throw failed.reason
  const balancer = (owned.balancer = await startLoadBalancer(processes.map((p) => p.url)))

  const instance = (i: number) => {
    const p = processes[i]
    if (!p) throw new Error(`no instance ${i}: the cluster has ${processes.length}`)
    return p
  }
  return {
    instances: processes,
    url: (i) => instance(i).url,
    wsUrl: (i) => instance(i).wsUrl,
    balancer,
    redis,
    postgres,
    databaseUrl,
    async kill(i) {
      await killProcess(instance(i))
    },
    async restart(i) {
      await killProcess(instance(i))
      const restarted = await startServerProcess(dataDirs[i]!, env)
      processes[i] = restarted
      balancer.setBackends(processes.map((p) => p.url))
      return restarted
    },
    stopAll,
  }
}
