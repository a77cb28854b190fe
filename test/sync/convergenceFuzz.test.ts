import { describe, expect, it } from 'vitest'
import { runMemoryFuzz } from '../fuzz/memoryFuzz.js'
import { runServerFuzz } from '../fuzz/serverFuzz.js'

/**
 * Seeded convergence fuzz (test/fuzz/): clients edit records and canvas texts at random while
 * connections drop, messages are lost or reordered, the server restarts and the store refuses
 * writes for a while; after healing, every client, the room and the stored document must hold
 * exactly the union of all edits, and nothing may reach a client before it is stored.
 * A failing seed is replayed with the command in its test name; `npm run fuzz -- --seeds 1000`
 * runs many more. test/cluster/convergenceFuzz.test.ts runs the server transport across two
 * instances on PostgreSQL and Redis.
 */
const MemorySeeds = [1, 2, 3, 4, 5, 6, 7, 8]
const ServerSeeds = [1, 2, 3, 4, 5, 6, 7, 8]

describe('convergence fuzz', () => {
  describe('through an in-memory relay that loses, reorders and drops messages', () => {
    for (const seed of MemorySeeds) {
      it(`converges for seed ${seed} (npm run fuzz -- --seed ${seed} --transport memory)`, () => {
        const stats = runMemoryFuzz(seed)
        expect(stats.edits).toBeGreaterThan(0)
      })
    }
  })

  describe('through the real server with disconnects, restarts and a store that refuses writes', () => {
    for (const seed of ServerSeeds) {
      it(`converges for seed ${seed} (npm run fuzz -- --seed ${seed} --transport server)`, async () => {
        const stats = await runServerFuzz(seed)
        expect(stats.edits).toBeGreaterThan(0)
      }, 60_000)
    }
  })
})
