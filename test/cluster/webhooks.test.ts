import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DeliveryListSchema } from '../../shared/api/webhooks.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
} from '../helpers/api.js'
import { connectClient, createOwnedBoard, type TestClient } from '../helpers/clients.js'
import { startTestCluster } from '../helpers/cluster.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver.js'

// Each test starts two server processes; on a busy machine that takes a while.
const ClusterTestTimeout = 120_000
const Eventually = { timeout: 30_000, interval: 50 }

let postgres: TestPostgres
let receiver: WebhookReceiver
beforeAll(async () => {
  postgres = await startTestPostgres()
  receiver = await startWebhookReceiver()
})
afterAll(async () => {
  await receiver.close()
  await postgres.destroy()
})

const clients: TestClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
})

describe('webhooks with two instances on one database', () => {
  it(
    'sends every event once, however many instances notice it and poll the queue',
    async () => {
      const cluster = await startTestCluster({
        instances: 2,
        postgres,
        env: {
          WEBHOOKS_ALLOW_PRIVATE_NETWORK: 'true',
          // Both instances look at the queue often, so they compete for every delivery.
          WEBHOOKS_POLL_MS: '20',
          WEBHOOKS_RETRY_DELAYS_MS: '50',
        },
      })
      const board = await createOwnedBoard(cluster.url(0), 'Checkout')
      const on = [0, 1].map((i) => apiClient(cluster.url(i)))
      const hook = await on[0]!(`/api/boards/${board.id}/webhooks`, {
        body: {
          url: receiver.url,
          events: ['measurement.recorded', 'verdict.changed', 'version.named'],
        },
        token: board.ownerKey,
      })
      expect(hook.status, hook.text).toBe(201)

      const id = await createHypothesis(on[0]!, board.id)
      expect((await setStatus(on[0]!, board.id, id, 'running')).status).toBe(200)
      // The board is open on both instances: each sees every change and looks for events.
      for (const i of [0, 1]) {
        const client = connectClient(cluster.wsUrl(i), board.id)
        clients.push(client)
        await client.synced
      }
      const { token } = await createToken(on[0]!, board)
      const measured = await postMeasurements(on[1]!, board.id, id, token, {
        measurements: [{ metric: 'conversion', value: 5.5, id: 'm-1' }],
      })
      expect(measured.status, measured.text).toBe(200)
      const versions = 6
      for (let v = 0; v < versions; v++) {
        const named = await on[v % 2]!(`/api/boards/${board.id}/versions`, {
          body: { name: `v${v}` },
          token: board.ownerKey,
        })
        expect(named.status).toBe(201)
      }

      const expected = versions + 2 // the versions, the measurement and the verdict it changed
      const mine = () => receiver.received.filter((h) => h.json?.boardId === board.id)
      await receiver.waitFor(expected, (h) => h.json?.boardId === board.id)
      // Every delivery is recorded as delivered at its first attempt: nothing is left that
      // could be sent again.
      await vi.waitFor(async () => {
        const log = await on[1]!(`/api/boards/${board.id}/webhooks/${hook.json.id}/deliveries`, {
          token: board.ownerKey,
        })
        const { deliveries } = DeliveryListSchema.parse(log.json)
        expect(deliveries).toHaveLength(expected)
        expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true)
      }, Eventually)
      const events = mine().map((h) => h.json)
      expect(events).toHaveLength(expected)
      expect(new Set(events.map((e) => e.id)).size).toBe(expected)
      expect(events.filter((e) => e.event === 'measurement.recorded')).toHaveLength(1)
      expect(events.filter((e) => e.event === 'verdict.changed')).toHaveLength(1)
    },
    ClusterTestTimeout,
  )
})
