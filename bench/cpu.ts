import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ, 100 on every mainstream Linux build

/** User + system CPU time of another process from /proc/<pid>/stat, in ms; NaN without /proc. */
export function readProcessCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; the fixed fields start after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
  } catch {
    return Number.NaN
  }
}

/** User + system CPU time of this process, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** CPU time of the whole machine, in ms summed over cores; NaN without /proc. */
export function readMachineCpuMs(): { busyMs: number; stealMs: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number)
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND
    return { busyMs: ms(user! + nice! + system! + irq! + softirq!), stealMs: ms(steal!) }
  } catch {
    return { busyMs: Number.NaN, stealMs: Number.NaN }
  }
}

export interface CpuShare {
  wallMs: number
  serverCpuMs: number
  benchCpuMs: number
  /** CPU used by every other process on the machine: high values make results noisy. */
  othersCpuMs: number
  /** Time the hypervisor ran someone else on our cores. */
  stealMs: number
}

/** Starts measuring CPU spent by the server process(es) and by this (client) process. */
export function startCpuMeter(...serverPids: number[]): () => CpuShare {
  const serversCpuMs = () => serverPids.reduce((sum, pid) => sum + readProcessCpuMs(pid), 0)
  const wall = performance.now()
  const server = serversCpuMs()
  const bench = ownCpuMs()
  const machine = readMachineCpuMs()
  return () => {
    const serverCpuMs = serversCpuMs() - server
    const benchCpuMs = ownCpuMs() - bench
    const now = readMachineCpuMs()
    return {
      wallMs: performance.now() - wall,
      serverCpuMs,
      benchCpuMs,
      othersCpuMs: Math.max(0, now.busyMs - machine.busyMs - serverCpuMs - benchCpuMs),
      stealMs: now.stealMs - machine.stealMs,
    }
  }
}

/** "CPU over 3.50 s: server 0.41 s (12%), clients …, other processes …, steal …" for a note. */
export function formatCpuShare(c: CpuShare): string {
  const part = (ms: number) => `${(ms / 1000).toFixed(2)} s (${Math.round((ms / c.wallMs) * 100)}%)`
  return (
    `CPU over ${(c.wallMs / 1000).toFixed(2)} s: server ${part(c.serverCpuMs)}, ` +
    `clients ${part(c.benchCpuMs)}, other processes ${part(c.othersCpuMs)}, steal ${part(c.stealMs)}`
  )
}
