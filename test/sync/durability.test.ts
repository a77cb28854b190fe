import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { connectClient, createBoard } from '../helpers/clients.js'
import { makeDataDir, startServerProcess, type ServerProcess } from '../helpers/server.js'

const dataDir = makeDataDir()
const processes: ServerProcess[] = []

afterAll(async () => {
  for (const p of processes) {
    if (p.child.exitCode === null) {
      p.child.kill('SIGKILL')
      await p.exited
    }
  }
  rmSync(dataDir, { recursive: true, force: true })
})

describe('durability', () => {
  describe('when the server is killed with SIGKILL while clients are editing', () => {
    it('loses no update the server had accepted', async () => {
      // A killed process (not a power cut) is what relaxed durability promises to survive too;
      // it keeps this flood of edits from waiting on a busy disk's syncs.
      const first = await startServerProcess(dataDir, { DURABILITY: 'relaxed' })
      processes.push(first)
      const boardId = await createBoard(first.url)
      const writer = connectClient(first.wsUrl, boardId)
      const observer = connectClient(first.wsUrl, boardId)
      await Promise.all([writer.synced, observer.synced])

      // The server broadcasts an update only after storing it, so whatever the observer has
      // received was accepted. Keep writing while the process dies.
      let i = 0
      const writing = setInterval(() => {
        for (let k = 0; k < 20; k++, i++) writer.records.set(`shape:${i}`, { id: `shape:${i}`, i })
      }, 1)
      await vi.waitFor(() => expect(observer.records.size).toBeGreaterThan(500), {
        timeout: 20_000,
      })
      first.child.kill('SIGKILL')
      await first.exited
      clearInterval(writing)
      const accepted = [...observer.records.keys()]
      writer.destroy()
      observer.destroy()

      const second = await startServerProcess(dataDir)
      processes.push(second)
      const fresh = connectClient(second.wsUrl, boardId)
      await fresh.synced
      const missing = accepted.filter((key) => !fresh.records.has(key))
      expect(missing).toEqual([])
      expect(accepted.length).toBeGreaterThan(500)
      fresh.destroy()
      second.child.kill('SIGTERM')
      await second.exited
    }, 60_000)
  })
})
