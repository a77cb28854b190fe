import { closeSync, fdatasync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/**
 * How long one `fdatasync` of a small write takes on the disk under `dir`, back to back: the
 * best case, a disk kept busy.
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

/**
 * The same at the pace of the fan-out cases (one sync every `paceMs`, run off the event loop as
 * the server runs it): what each edit waits for with full durability. A disk left idle between
 * syncs answers more slowly than one kept busy.
 */
export async function measurePacedDiskSync(
  dir: string,
  paceMs: number,
  samples = 200,
): Promise<number[]> {
  const path = join(dir, 'sync-probe-paced')
  const fd = openSync(path, 'w')
  const times: number[] = []
  try {
    // Written in place, as the WAL is once it has been checkpointed and restarted.
    writeSync(fd, Buffer.alloc(4096 * samples))
    fdatasyncSync(fd)
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, paceMs))
      writeSync(fd, Buffer.alloc(4096, i), 0, 4096, 4096 * i)
      const start = performance.now()
      await new Promise<void>((resolve, reject) =>
        fdatasync(fd, (error) => (error ? reject(error) : resolve())),
      )
      times.push(performance.now() - start)
    }
  } finally {
    closeSync(fd)
    rmSync(path, { force: true })
  }
  return times
}
