import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreatedWebhookSchema,
  DeliveryListSchema,
  WebhookListSchema,
  WebhookPayloadSchema,
  type Delivery,
} from '../../shared/api/webhooks.js'
import { appendMeasurements } from '../../shared/canvases/hypothesis/trackingDoc.js'
import { getBoardCanvases } from '../../shared/doc/canvasMap.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import {
  connectClient,
  createOwnedBoard,
  keyOf,
  type OwnedBoard,
  type TestClient,
} from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import {
  eventually,
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhookReceiver.js'

/** Fast retries and a short timeout, and the local receiver allowed. */
const WebhookEnv = {
  WEBHOOKS_ALLOW_PRIVATE_NETWORK: 'true',
  WEBHOOKS_RETRY_DELAYS_MS: '50,100',
  WEBHOOKS_TIMEOUT_MS: '400',
  WEBHOOKS_POLL_MS: '100',
}

let server: TestServer
let api: Api
let receiver: WebhookReceiver
beforeAll(async () => {
  server = await startTestServer({ env: WebhookEnv })
  api = apiClient(server.url)
  receiver = await startWebhookReceiver()
})
afterAll(async () => {
  await server.cleanup()
  await receiver.close()
})

const hooksOf = (board: OwnedBoard) => `/api/boards/${board.id}/webhooks`

async function addWebhook(board: OwnedBoard, body: Record<string, unknown>, url = receiver.url) {
  const res = await api(hooksOf(board), { body: { url, ...body }, token: board.ownerKey })
  expect(res.status, res.text).toBe(201)
  return CreatedWebhookSchema.parse(res.json)
}

async function deliveriesOf(board: OwnedBoard, webhookId: string): Promise<Delivery[]> {
  const res = await api(`${hooksOf(board)}/${webhookId}/deliveries`, { token: board.ownerKey })
  expect(res.status, res.text).toBe(200)
  return DeliveryListSchema.parse(res.json).deliveries
}

const nameVersion = (board: OwnedBoard, name: string) =>
  api(`/api/boards/${board.id}/versions`, { body: { name }, token: board.ownerKey })

/** What the receiver got for one board. */
const forBoard = (board: OwnedBoard) => (hook: { json: any }) => hook.json?.boardId === board.id

describe('webhooks of a board, managed by its owner', () => {
  it('shows the secret once and lists webhooks without it', async () => {
    const board = await createOwnedBoard(server.url)
    const created = await addWebhook(board, { events: ['version.named'] })
    expect(created.secret).toMatch(/^whsec_/)
    expect(created.format).toBe('json')
    const list = await api(hooksOf(board), { token: board.ownerKey })
    expect(WebhookListSchema.parse(list.json).webhooks).toEqual([
      {
        id: created.id,
        url: receiver.url,
        events: ['version.named'],
        format: 'json',
        createdAt: expect.any(String),
      },
    ])
    expect(list.text).not.toContain(created.secret)
    const one = await api(`${hooksOf(board)}/${created.id}`, { token: board.ownerKey })
    expect(one.json).toEqual(WebhookListSchema.parse(list.json).webhooks[0])
    expect(one.text).not.toContain(created.secret)
    const missing = await api(`${hooksOf(board)}/${'n'.repeat(12)}`, { token: board.ownerKey })
    expect(missing.status).toBe(404)
  })

  it('keeps the secret given, and deletes a webhook once', async () => {
    const board = await createOwnedBoard(server.url)
    const secret = 'a-secret-of-our-own-1234'
    const created = await addWebhook(board, { events: ['decision.recorded'], secret })
    expect(created.secret).toBe(secret)
    const path = `${hooksOf(board)}/${created.id}`
    expect((await api(path, { method: 'DELETE', token: board.ownerKey })).status).toBe(204)
    expect((await api(path, { method: 'DELETE', token: board.ownerKey })).status).toBe(404)
    expect((await api(hooksOf(board), { token: board.ownerKey })).json.webhooks).toEqual([])
  })

  it.each([
    ['no events', { events: [] }],
    ['an unknown event', { events: ['board.exploded'] }],
    ['an event twice', { events: ['version.named', 'version.named'] }],
    ['an ftp URL', { events: ['version.named'], url: 'ftp://example.com/x' }],
    [
      'a URL over 2000 characters',
      { events: ['version.named'], url: `https://example.com/${'a'.repeat(2000)}` },
    ],
    ['a short secret', { events: ['version.named'], secret: 'short' }],
    ['an unknown format', { events: ['version.named'], format: 'xml' }],
    ['an unknown field', { events: ['version.named'], retries: 3 }],
  ])('refuses %s with a 400 and adds nothing', async (_name, body) => {
    const board = await createOwnedBoard(server.url)
    const res = await api(hooksOf(board), {
      body: { url: receiver.url, ...body },
      token: board.ownerKey,
    })
    expect(res.status, res.text).toBe(400)
    expect(res.json.error.code).toBe('invalid_body')
    expect((await api(hooksOf(board), { token: board.ownerKey })).json.webhooks).toEqual([])
  })

  it('keeps at most 20 webhooks on a board', async () => {
    const board = await createOwnedBoard(server.url)
    for (let i = 0; i < 20; i++) await addWebhook(board, { events: ['version.named'] })
    const res = await api(hooksOf(board), {
      body: { url: receiver.url, events: ['version.named'] },
      token: board.ownerKey,
    })
    expect(res.status).toBe(409)
    expect(res.json.error.message).toMatch(/at most 20/)
  })

  it('refuses an editor with 403, and lets a facilitator the owner named manage them', async () => {
    const board = await createOwnedBoard(server.url)
    const editor = keyOf(board, 'edit')
    const secret = 'f'.repeat(40)
    const asEditor = await api(hooksOf(board), {
      body: { url: receiver.url, events: ['version.named'] },
      token: editor,
    })
    expect(asEditor.status).toBe(403)
    expect((await api(hooksOf(board), { token: editor })).status).toBe(403)

    const named = await fetch(`${server.url}/api/boards/${board.id}/workshop`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'content-type': 'application/json',
        'x-participant': 'o'.repeat(40),
      },
      body: JSON.stringify({
        type: 'facilitator',
        participantId: participantIdOf(secret),
        on: true,
      }),
    })
    expect(named.status).toBe(200)
    const asFacilitator = await fetch(`${server.url}${hooksOf(board)}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${editor}`,
        'content-type': 'application/json',
        'x-participant': secret,
      },
      body: JSON.stringify({ url: receiver.url, events: ['version.named'] }),
    })
    expect(asFacilitator.status).toBe(201)
  })

  it('describes the delivery body in the OpenAPI document', async () => {
    const doc = (await api('/api/openapi.json')).json
    expect(doc.webhooks.boardEvent.post).toBeTruthy()
    expect(doc.components.schemas.WebhookPayload.required).toEqual(
      expect.arrayContaining(['id', 'event', 'at', 'boardId', 'data']),
    )
  })
})

describe('deliveries to a local receiver', () => {
  it('signs each delivery with the webhook’s secret and logs it as delivered', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'] })
    expect((await nameVersion(board, 'Before the workshop')).status).toBe(201)
    const [got] = await receiver.waitFor(1, forBoard(board))
    const payload = WebhookPayloadSchema.parse(got!.json)
    expect(payload).toMatchObject({
      event: 'version.named',
      boardId: board.id,
      data: { name: 'Before the workshop' },
    })
    expect(got!.headers['content-type']).toBe('application/json')
    expect(
      verifySignature(hook.secret, got!.body, got!.headers['x-discovery-signature'] as string),
    ).toBe(true)
    expect(
      verifySignature(
        'another-secret-0000',
        got!.body,
        got!.headers['x-discovery-signature'] as string,
      ),
    ).toBe(false)
    const t = Number(/t=(\d+)/.exec(got!.headers['x-discovery-signature'] as string)![1])
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(60)

    const [logged] = await eventually(async () => {
      const log = await deliveriesOf(board, hook.id)
      return log[0]?.status === 'delivered' && log
    }, 'the delivery logged as delivered')
    expect(logged).toMatchObject({
      event: 'version.named',
      attempts: 1,
      responseStatus: 200,
      error: null,
      nextAttemptAt: null,
    })
  })

  it('sends only the events a webhook asked for', async () => {
    const board = await createOwnedBoard(server.url)
    const wanted = await addWebhook(board, { events: ['version.named'] })
    const other = await addWebhook(board, { events: ['decision.recorded'] })
    await nameVersion(board, 'v1')
    await receiver.waitFor(1, forBoard(board))
    await eventually(
      async () => (await deliveriesOf(board, wanted.id)).length === 1,
      'one delivery',
    )
    expect(await deliveriesOf(board, other.id)).toEqual([])
  })

  it('retries after 500s until the endpoint takes it', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'] })
    let tries = 0
    receiver.answer((_n, got) => {
      if (got.json?.boardId !== board.id) return { status: 200 }
      tries++
      return { status: tries <= 2 ? 500 : 200 }
    })
    try {
      await nameVersion(board, 'flaky')
      const got = await receiver.waitFor(3, forBoard(board))
      // The same event every time.
      expect(new Set(got.map((g) => g.json.id)).size).toBe(1)
      const [logged] = await eventually(async () => {
        const log = await deliveriesOf(board, hook.id)
        return log[0]?.status === 'delivered' && log
      }, 'delivered after two failures')
      expect(logged).toMatchObject({ attempts: 3, responseStatus: 200 })
    } finally {
      receiver.answer(() => ({ status: 200 }))
    }
  })

  it('gives an attempt without an answer up after the timeout and tries again', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'] })
    let tries = 0
    receiver.answer((_n, got) => {
      if (got.json?.boardId !== board.id) return { status: 200 }
      tries++
      return tries === 1 ? 'hang' : { status: 204 }
    })
    try {
      await nameVersion(board, 'slow')
      const [logged] = await eventually(async () => {
        const log = await deliveriesOf(board, hook.id)
        return log[0]?.status === 'delivered' && log
      }, 'delivered on the second attempt')
      expect(logged).toMatchObject({ attempts: 2, responseStatus: 204 })
    } finally {
      receiver.answer(() => ({ status: 200 }))
    }
  })

  it('logs the timeout while it waits to retry', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'] })
    receiver.answer((_n, got) => (got.json?.boardId === board.id ? 'hang' : { status: 200 }))
    try {
      await nameVersion(board, 'never answered')
      const log = await eventually(async () => {
        const found = await deliveriesOf(board, hook.id)
        return found[0]?.error ? found : undefined
      }, 'a failed attempt logged')
      expect(log[0]!.error).toMatch(/no answer within 400 ms/)
      expect(log[0]!.responseStatus).toBeNull()
    } finally {
      receiver.answer(() => ({ status: 200 }))
    }
  })

  it('sends `{ text }` to a webhook in the Slack format', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'], format: 'slack' })
    await nameVersion(board, 'Sprint review')
    const [got] = await receiver.waitFor(
      1,
      (h) => typeof h.json?.text === 'string' && h.json.text.includes('Sprint review'),
    )
    expect(Object.keys(got!.json)).toEqual(['text'])
    expect(got!.json.text).toMatch(/saved the version “Sprint review”/)
    expect(
      verifySignature(hook.secret, got!.body, got!.headers['x-discovery-signature'] as string),
    ).toBe(true)
  })

  it('resends a delivery with the same event id when asked', async () => {
    const board = await createOwnedBoard(server.url)
    const hook = await addWebhook(board, { events: ['version.named'] })
    await nameVersion(board, 'again')
    const [first] = await receiver.waitFor(1, forBoard(board))
    const [delivery] = await eventually(async () => {
      const log = await deliveriesOf(board, hook.id)
      return log[0]?.status === 'delivered' && log
    }, 'delivered')
    const res = await api(`${hooksOf(board)}/${hook.id}/deliveries/${delivery!.id}/resend`, {
      method: 'POST',
      token: board.ownerKey,
    })
    expect(res.status, res.text).toBe(202)
    const both = await receiver.waitFor(2, forBoard(board))
    expect(both[1]!.json.id).toBe(first!.json.id)
    await eventually(async () => {
      const log = await deliveriesOf(board, hook.id)
      return log[0]?.status === 'delivered' && log[0].attempts === 2
    }, 'the second attempt delivered')
    const unknown = await api(`${hooksOf(board)}/${hook.id}/deliveries/${'x'.repeat(16)}/resend`, {
      method: 'POST',
      token: board.ownerKey,
    })
    expect(unknown.status).toBe(404)
  })

  it('tells of measurements, the verdict they change and the decision, once each', async () => {
    const board = await createOwnedBoard(server.url)
    await addWebhook(board, {
      events: ['measurement.recorded', 'verdict.changed', 'decision.recorded'],
    })
    const id = await createHypothesis(api, board.id)
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
    const { token } = await createToken(api, board)
    const posted = await postMeasurements(api, board.id, id, token, {
      measurements: [
        { metric: 'conversion', value: 5.4, id: 'm-1' },
        { metric: 'latency', value: 190, id: 'm-2' },
      ],
    })
    expect(posted.status, posted.text).toBe(200)
    const [measured] = await receiver.waitFor(
      1,
      (h) => forBoard(board)(h) && h.json.event === 'measurement.recorded',
    )
    expect(measured!.json.data).toMatchObject({
      hypothesis: { id, title: 'One-page checkout' },
      count: 2,
      measurements: [
        { id: 'm-1', metric: 'conversion', value: 5.4 },
        { id: 'm-2', metric: 'latency', value: 190 },
      ],
    })
    const [verdict] = await receiver.waitFor(
      1,
      (h) => forBoard(board)(h) && h.json.event === 'verdict.changed',
    )
    expect(verdict!.json.data).toMatchObject({ from: 'pending', to: 'supported' })

    const decided = await api(`/api/boards/${board.id}/hypotheses/${id}/decision`, {
      body: { decision: 'persevere', rationale: 'Conversion is up', by: 'Ada' },
    })
    expect(decided.status, decided.text).toBe(201)
    const [decision] = await receiver.waitFor(
      1,
      (h) => forBoard(board)(h) && h.json.event === 'decision.recorded',
    )
    expect(decision!.json.data).toMatchObject({
      hypothesis: { id },
      decision: 'persevere',
      rationale: 'Conversion is up',
      by: 'Ada',
    })
    // The same measurements again are duplicates: no new event.
    await postMeasurements(api, board.id, id, token, {
      measurements: [{ metric: 'conversion', value: 5.4, id: 'm-1' }],
    })
    await nameVersionAndWait(board)
    const events = receiver.received.filter(forBoard(board)).map((h) => h.json.event)
    expect(events.filter((e) => e === 'measurement.recorded')).toHaveLength(1)
    expect(events.filter((e) => e === 'decision.recorded')).toHaveLength(1)
  })
})

/** A later event through a second webhook: once it arrives, everything before it was queued. */
async function nameVersionAndWait(board: OwnedBoard) {
  await addWebhook(board, { events: ['version.named'] })
  await nameVersion(board, 'marker')
  await receiver.waitFor(1, (h) => forBoard(board)(h) && h.json.event === 'version.named')
}

describe('events made on the board and in comments', () => {
  const clients: TestClient[] = []
  afterAll(() => clients.forEach((c) => c.destroy()))

  it('tells of a measurement typed on the board, not only those posted', async () => {
    const board = await createOwnedBoard(server.url)
    await addWebhook(board, { events: ['measurement.recorded'] })
    const id = await createHypothesis(api, board.id)
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
    const screen = connectClient(server.wsUrl, board.id, { params: { key: board.ownerKey } })
    clients.push(screen)
    await screen.synced
    const at = new Date().toISOString()
    screen.doc.transact(() =>
      appendMeasurements(getBoardCanvases(screen.doc).get(id)!, [
        {
          id: 'typed-1',
          metric: 'conversion',
          value: 4.6,
          at,
          source: null,
          baseline: false,
          recordedAt: at,
          by: 'Ada',
        },
      ]),
    )
    const [got] = await receiver.waitFor(
      1,
      (h) => forBoard(board)(h) && h.json.event === 'measurement.recorded',
    )
    expect(got!.json.data).toMatchObject({
      hypothesis: { id },
      count: 1,
      measurements: [{ id: 'typed-1', metric: 'conversion', value: 4.6, by: 'Ada' }],
    })
  })

  it('tells whom a comment mentions, by name', async () => {
    const board = await createOwnedBoard(server.url)
    await addWebhook(board, { events: ['comment.mentioned'] })
    const cora = 'cora-'.padEnd(40, 'x')
    const screen = connectClient(server.wsUrl, board.id, {
      params: { key: keyOf(board, 'edit'), [ParticipantParam]: cora },
    })
    clients.push(screen)
    await screen.synced
    screen.provider.awareness.setLocalState({
      user: { id: participantIdOf(cora), name: 'Cora', color: '#2f9e44' },
    })
    await eventually(
      async () => (await server.server.context.persistence.listParticipants(board.id)).length > 0,
      'Cora on record',
    )
    const res = await fetch(`${server.url}/api/boards/${board.id}/comments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'content-type': 'application/json',
        'x-participant': 'ann-'.padEnd(40, 'x'),
      },
      body: JSON.stringify({
        target: { kind: 'point', x: 1, y: 2 },
        text: '@Cora can you check the numbers?',
        mentions: [participantIdOf(cora)],
        name: 'Ann',
      }),
    })
    expect(res.status).toBe(201)
    const [got] = await receiver.waitFor(
      1,
      (h) => forBoard(board)(h) && h.json.event === 'comment.mentioned',
    )
    expect(got!.json.data).toMatchObject({
      text: '@Cora can you check the numbers?',
      by: 'Ann',
      mentioned: [{ participantId: participantIdOf(cora), name: 'Cora' }],
    })
  })
})

describe('when a hypothesis’s time box ends without a decision', () => {
  it('tells the webhooks once that it is overdue', async () => {
    let clock = Date.parse('2026-11-02T09:00:00.000Z')
    const timed = await startTestServer({
      env: { ...WebhookEnv, WEBHOOKS_OVERDUE_CHECK_MS: '50' },
      now: () => clock,
    })
    const timedApi = apiClient(timed.url)
    try {
      const board = await createOwnedBoard(timed.url)
      const created = await timedApi(`/api/boards/${board.id}/webhooks`, {
        body: { url: receiver.url, events: ['hypothesis.overdue'] },
        token: board.ownerKey,
      })
      expect(created.status).toBe(201)
      const id = await createHypothesis(timedApi, board.id)
      expect((await setStatus(timedApi, board.id, id, 'running')).status).toBe(200)
      await eventually(
        async () =>
          (await timed.server.context.persistence.queryHypotheses({ boardIds: [board.id] }))[0]
            ?.timeboxEnd,
        'the time box in the index',
      )
      // An hour past the end of its week.
      clock += (7 * 24 + 1) * 60 * 60 * 1000
      const [got] = await receiver.waitFor(1, forBoard(board))
      expect(got!.json).toMatchObject({
        event: 'hypothesis.overdue',
        at: '2026-11-09T09:00:00.000Z',
        data: { hypothesis: { id, title: 'One-page checkout' }, status: 'running' },
      })
      // Later checks find it again; it stays one event.
      await eventually(async () => {
        const log = await timedApi(
          `/api/boards/${board.id}/webhooks/${created.json.id}/deliveries`,
          { token: board.ownerKey },
        )
        return log.json.deliveries[0]?.status === 'delivered'
      }, 'delivered')
      const log = await timedApi(`/api/boards/${board.id}/webhooks/${created.json.id}/deliveries`, {
        token: board.ownerKey,
      })
      expect(log.json.deliveries).toHaveLength(1)
    } finally {
      await timed.cleanup()
    }
  })
})

describe('when the server restarts with deliveries queued', () => {
  it('sends them after the restart', async () => {
    const restartReceiver = await startWebhookReceiver()
    const own = await startTestServer({ env: WebhookEnv })
    const ownApi = apiClient(own.url)
    let second: TestServer | undefined
    try {
      restartReceiver.answer(() => ({ status: 503 }))
      const board = await createOwnedBoard(own.url)
      const created = await ownApi(`/api/boards/${board.id}/webhooks`, {
        body: { url: restartReceiver.url, events: ['version.named'] },
        token: board.ownerKey,
      })
      expect(created.status).toBe(201)
      await ownApi(`/api/boards/${board.id}/versions`, {
        body: { name: 'kept' },
        token: board.ownerKey,
      })
      await restartReceiver.waitFor(1)
      await own.stop()
      restartReceiver.answer(() => ({ status: 200 }))
      const before = restartReceiver.received.length
      second = await startTestServer({ env: WebhookEnv, dataDir: own.dataDir })
      const after = await restartReceiver.waitFor(before + 1)
      expect(after.at(-1)!.json).toMatchObject({ event: 'version.named', data: { name: 'kept' } })
    } finally {
      await second?.stop()
      await own.cleanup()
      await restartReceiver.close()
    }
  })
})

describe('when an endpoint never takes a delivery', () => {
  it('backs off and gives it up once its time is over', async () => {
    const brief = await startTestServer({
      env: { ...WebhookEnv, WEBHOOKS_RETRY_DELAYS_MS: '50,100', WEBHOOKS_GIVE_UP_AFTER_MS: '400' },
    })
    const briefApi = apiClient(brief.url)
    const refusing = await startWebhookReceiver()
    refusing.answer(() => ({ status: 500 }))
    try {
      const board = await createOwnedBoard(brief.url)
      const created = await briefApi(`/api/boards/${board.id}/webhooks`, {
        body: { url: refusing.url, events: ['version.named'] },
        token: board.ownerKey,
      })
      await briefApi(`/api/boards/${board.id}/versions`, {
        body: { name: 'nobody listens' },
        token: board.ownerKey,
      })
      const [given] = await eventually(async () => {
        const log = await briefApi(
          `/api/boards/${board.id}/webhooks/${created.json.id}/deliveries`,
          { token: board.ownerKey },
        )
        const found = DeliveryListSchema.parse(log.json).deliveries
        return found[0]?.status === 'failed' && found
      }, 'given up')
      expect(given).toMatchObject({ responseStatus: 500, nextAttemptAt: null })
      // 0, 50, 150, 250, 350 ms: the next would be past the 400 ms it had.
      expect(given!.attempts).toBeGreaterThanOrEqual(2)
      expect(given!.attempts).toBeLessThanOrEqual(5)
      expect(refusing.received).toHaveLength(given!.attempts)
    } finally {
      await brief.cleanup()
      await refusing.close()
    }
  })
})

describe('when the operator does not allow private networks', () => {
  it('refuses loopback and private addresses with a 400 and adds nothing', async () => {
    const strict = await startTestServer()
    const strictApi = apiClient(strict.url)
    try {
      const board = await createOwnedBoard(strict.url)
      for (const url of [
        receiver.url,
        `http://localhost:${receiver.port}/hook`,
        'http://10.0.0.8/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
      ]) {
        const res = await strictApi(`/api/boards/${board.id}/webhooks`, {
          body: { url, events: ['version.named'] },
          token: board.ownerKey,
        })
        expect(res.status, url).toBe(400)
        expect(res.json.error.message).toMatch(/private|local/)
      }
      const list = await strictApi(`/api/boards/${board.id}/webhooks`, { token: board.ownerKey })
      expect(list.json.webhooks).toEqual([])
      expect(receiver.received.some((h) => h.json?.boardId === board.id)).toBe(false)
    } finally {
      await strict.cleanup()
    }
  })

  it('checks the address again before sending, and gives up on a private one', async () => {
    const strict = await startTestServer()
    const strictApi = apiClient(strict.url)
    try {
      const board = await createOwnedBoard(strict.url)
      // As if its name had resolved to a public address when it was added.
      await strict.server.context.persistence.createWebhook({
        id: 'rebound-hook',
        boardId: board.id,
        url: `http://localhost:${receiver.port}/hook`,
        events: ['version.named'],
        format: 'json',
        secret: 'whsec_rebound_secret',
        createdAt: Date.now(),
      })
      await strictApi(`/api/boards/${board.id}/versions`, {
        body: { name: 'rebinding' },
        token: board.ownerKey,
      })
      const [refused] = await eventually(async () => {
        const log = await strictApi(`/api/boards/${board.id}/webhooks/rebound-hook/deliveries`, {
          token: board.ownerKey,
        })
        const found = DeliveryListSchema.parse(log.json).deliveries
        return found[0]?.status === 'failed' && found
      }, 'refused at send time')
      expect(refused).toMatchObject({ attempts: 1, responseStatus: null, nextAttemptAt: null })
      expect(refused!.error).toMatch(/private|local/)
      expect(receiver.received.some((h) => h.json?.boardId === board.id)).toBe(false)
    } finally {
      await strict.cleanup()
    }
  })
})

describe('when a running hypothesis’s check-in falls due', () => {
  it('tells the webhooks once per due date', async () => {
    let clock = Date.parse('2026-11-02T09:00:00.000Z')
    const timed = await startTestServer({
      env: { ...WebhookEnv, WEBHOOKS_OVERDUE_CHECK_MS: '50' },
      now: () => clock,
    })
    const timedApi = apiClient(timed.url)
    try {
      const board = await createOwnedBoard(timed.url)
      const created = await timedApi(`/api/boards/${board.id}/webhooks`, {
        body: { url: receiver.url, events: ['checkin.due'] },
        token: board.ownerKey,
      })
      expect(created.status).toBe(201)
      const id = await createHypothesis(timedApi, board.id)
      expect((await setStatus(timedApi, board.id, id, 'running')).status).toBe(200)
      await eventually(
        async () =>
          (await timed.server.context.persistence.queryHypotheses({ boardIds: [board.id] }))[0]
            ?.checkinDueAt,
        'the check-in due date in the index',
      )
      // The morning of the day it is due, a week after the start; then two days later.
      clock = Date.parse('2026-11-09T01:00:00.000Z')
      const [got] = await receiver.waitFor(1, forBoard(board))
      expect(got!.json).toMatchObject({
        event: 'checkin.due',
        at: '2026-11-09T09:00:00.000Z',
        data: { dueAt: '2026-11-09T09:00:00.000Z', hypothesis: { id, title: 'One-page checkout' } },
      })
      clock = Date.parse('2026-11-11T09:00:00.000Z')
      await eventually(async () => {
        const log = await timedApi(
          `/api/boards/${board.id}/webhooks/${created.json.id}/deliveries`,
          { token: board.ownerKey },
        )
        return log.json.deliveries[0]?.status === 'delivered'
      }, 'delivered')
      // The watcher looked again (every 50 ms) while it was delivered: still one event.
      const log = await timedApi(`/api/boards/${board.id}/webhooks/${created.json.id}/deliveries`, {
        token: board.ownerKey,
      })
      expect(log.json.deliveries).toHaveLength(1)
    } finally {
      await timed.cleanup()
    }
  })

  it('tells the webhooks when an active project’s check-in falls due', async () => {
    let clock = Date.parse('2026-11-02T09:00:00.000Z')
    const timed = await startTestServer({
      env: { ...WebhookEnv, WEBHOOKS_OVERDUE_CHECK_MS: '50' },
      now: () => clock,
    })
    const timedApi = apiClient(timed.url)
    try {
      const board = await createOwnedBoard(timed.url)
      const created = await timedApi(`/api/boards/${board.id}/webhooks`, {
        body: { url: receiver.url, events: ['checkin.due'], format: 'slack' },
        token: board.ownerKey,
      })
      expect(created.status).toBe(201)
      const project = await timedApi(`/api/boards/${board.id}/canvases`, {
        body: { kind: 'project', title: 'Churn model', fields: { owner: 'Ada' } },
        token: board.ownerKey,
      })
      expect(project.status).toBe(201)
      // The project starts with its first move: its check-in is due a week later.
      const moved = await timedApi(`/api/boards/${board.id}/canvases/${project.json.id}/stage`, {
        body: { to: 'experimentation', why: 'The problem is concrete' },
        token: board.ownerKey,
      })
      expect(moved.status).toBe(200)
      await eventually(
        async () =>
          (
            await timed.server.context.persistence.queryProjects({ boardIds: [board.id] })
          )[0]?.summaryJson.includes('2026-11-09T09:00:00.000Z'),
        'the check-in due date in the portfolio index',
      )
      clock = Date.parse('2026-11-09T01:00:00.000Z')
      const [got] = await receiver.waitFor(1, (h) =>
        String(h.json?.text ?? '').includes('the project “Churn model”'),
      )
      expect(got!.json).toEqual({ text: 'A check-in is due on the project “Churn model”' })
    } finally {
      await timed.cleanup()
    }
  })
})
