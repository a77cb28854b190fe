import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  runServerFuzz,
  startClusterServices,
  stopClusterServices,
  type ClusterServices,
} from '../fuzz/serverFuzz.js'

/**
 * The seeded convergence fuzz of test/sync/convergenceFuzz.test.ts across two server instances
 * on one PostgreSQL database and one Redis: clients split between them and reconnect to either,
 * one instance at a time restarts or has its store refuse writes. After healing every client,
 * both instances' rooms and the stored document must hold exactly the union of all edits, and
 * nothing may reach a client before one of the stores holds it. Clients also move to the other
 * instance at once, and a store may answer its appends late (the other instance reads them first).
 * `npm run fuzz -- --transport server --instances 2 --seeds 100` runs many more.
 */
// 304 found an update that one instance stored and the others never received, when it waited in
// the room for an earlier one (server/sync/Room.test.ts replays that order deterministically).
const ClusterSeeds = [1, 2, 3, 4, 5, 304]

let services: ClusterServices
beforeAll(async () => {
  services = await startClusterServices()
})
afterAll(async () => {
  if (services) await stopClusterServices(services)
})

describe('convergence fuzz across two instances on PostgreSQL and Redis', () => {
  describe('with disconnects, clients moving between instances, restarts and a store that refuses writes', () => {
    for (const seed of ClusterSeeds) {
      it(`converges for seed ${seed} (npm run fuzz -- --seed ${seed} --transport server --instances 2)`, async () => {
        const stats = await runServerFuzz(seed, { instances: 2, services })
        expect(stats.edits).toBeGreaterThan(0)
      }, 90_000)
    }
  })
})
