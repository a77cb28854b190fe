import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/**
 * How long one `fdatasync` of a small write takes on the disk under `dir`: the floor of an
 * edit's latency with full durability, whatever the server does.
 */
export function measureDiskSync(dir: string, samples = 50): number[] {
  const path = join(dir, 'sync-probe')
  const fd = openSync(path, 'w')
  const times: number[] = []
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, Buffer.alloc(4096, i))
      const start = performance.now()
      fdatasyncSync(fd)
      times.push(performance.now() - start)
    }
  } finally {
    closeSync(fd)
    rmSync(path, { force: true })
  }
  return times
}
