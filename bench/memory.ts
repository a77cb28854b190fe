import { readFileSync } from 'node:fs'

/** Resident memory of a process from /proc (Linux): current and peak, in bytes. */
export interface ProcessMemory {
  rssBytes: number
  peakRssBytes: number
}

const field = (status: string, name: string) => {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) * 1024 : Number.NaN
}

/** Reads VmRSS and VmHWM of `pid`; undefined where /proc is not available. */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return { rssBytes: field(status, 'VmRSS'), peakRssBytes: field(status, 'VmHWM') }
  } catch {
    return undefined
  }
}
