import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { computeVerdict } from '../../shared/canvases/hypothesis/verdict.js'
import {
  getBoardCanvases,
  getBoxItems,
  getCanvasFieldText,
  readCanvas,
} from '../../shared/doc/canvasDoc.js'
import { readTracking } from '../../shared/canvases/hypothesis/trackingDoc.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { connectClient, createOwnedBoard, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api
beforeAll(async () => {
  server = await startTestServer()
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

async function runningHypothesisWithClients(count: number) {
  const board = await createOwnedBoard(server.url)
  const boardId = board.id
  const id = await createHypothesis(api, boardId)
  await setStatus(api, boardId, id, 'running')
  const { token } = await createToken(api, board)
  const clients = Array.from({ length: count }, () => connectClient(server.wsUrl, boardId))
  await Promise.all(clients.map((c) => c.synced))
  return { boardId, id, token, clients }
}

const canvasOf = (client: TestClient, id: string) => getBoardCanvases(client.doc).get(id)!

/** The verdict as a screen computes it from its own copy of the board. */
function verdictOn(client: TestClient, id: string, now = Date.now()) {
  const canvas = canvasOf(client, id)
  const content = readCanvas(id, canvas)!
  const tracking = readTracking(canvas)
  return computeVerdict(content.metrics ?? [], tracking.measurements, tracking.timebox.end, now)
}

describe('measurements arriving while people edit', () => {
  it('loses none of them and none of the typing', async () => {
    const { boardId, id, token, clients } = await runningHypothesisWithClients(2)
    const [ana, ben] = clients as [TestClient, TestClient]
    const requests = 50
    const perRequest = 20

    const posts = Array.from({ length: requests }, (_, r) =>
      postMeasurements(api, boardId, id, token, {
        measurements: Array.from({ length: perRequest }, (_, i) => ({
          metric: i % 2 === 0 ? 'conversion' : 'latency',
          value: r * perRequest + i,
          id: `r${r}-m${i}`,
        })),
      }),
    )
    // Both people type while the requests are in flight: one in the sentence, one in a box.
    const typing = (async () => {
      for (let i = 0; i < 40; i++) {
        getCanvasFieldText(canvasOf(ana, id), 'belief').insert(0, 'a')
        const problem = getBoxItems(canvasOf(ben, id), 'problem').get(0).get('text')
        if (problem instanceof Y.Text) problem.insert(0, 'b')
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const results = await Promise.all(posts)
    await typing
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(results.reduce((sum, r) => sum + r.json.recorded, 0)).toBe(requests * perRequest)

    const expected = requests * perRequest
    for (const client of clients) {
      await expect.poll(() => readTracking(canvasOf(client, id)).measurements.length).toBe(expected)
      await expect
        .poll(() => readCanvas(id, canvasOf(client, id))!.fields.belief)
        .toBe(`${'a'.repeat(40)}a one-page checkout`)
      await expect
        .poll(() => readCanvas(id, canvasOf(client, id))!.boxes.problem![0]!.text)
        .toBe(`${'b'.repeat(40)}Checkout drops buyers`)
    }
    const view = await api(`/api/boards/${boardId}/hypotheses/${id}`)
    expect(new Set(view.json.measurements.map((m: { id: string }) => m.id)).size).toBe(expected)
    clients.forEach((c) => c.destroy())
  })
})

describe('a connected screen', () => {
  it('sees the verdict change after a measurement is posted', async () => {
    const { boardId, id, token, clients } = await runningHypothesisWithClients(1)
    const [screen] = clients as [TestClient]
    expect(verdictOn(screen, id).verdict).toBe('pending')

    await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 5.4 }],
    })
    await expect.poll(() => verdictOn(screen, id).verdict).toBe('supported')

    await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'latency', value: 400 }],
    })
    await expect.poll(() => verdictOn(screen, id).verdict).toBe('refuted')
    // The screen and the server judge with the same function and the same data.
    const server = await api(`/api/boards/${boardId}/hypotheses/${id}`)
    expect(server.json.verdict).toEqual(verdictOn(screen, id))
    screen.destroy()
  })

  it('sees a status change and a decision made through the API', async () => {
    const { boardId, id, clients } = await runningHypothesisWithClients(1)
    const [screen] = clients as [TestClient]
    await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: 'Not worth it' },
    })
    await expect.poll(() => readTracking(canvasOf(screen, id)).status).toBe('decided')
    expect(readTracking(canvasOf(screen, id)).decision?.decision).toBe('stop')
    screen.destroy()
  })
})

describe('a canvas entry a client wrote wrongly', () => {
  it('is no hypothesis to the API and does not stop the tracker', async () => {
    const { boardId, id, clients } = await runningHypothesisWithClients(1)
    const [client] = clients as [TestClient]
    const canvases = getBoardCanvases(client.doc) as unknown as Y.Map<unknown>
    canvases.set('not-a-canvas', 'just text')
    await expect
      .poll(async () => (await api(`/api/boards/${boardId}/hypotheses/not-a-canvas`)).status)
      .toBe(404)
    await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: { title: 'Renamed after the bad entry' },
    })
    await expect
      .poll(async () => {
        const tracker = await api(`/api/hypotheses?board=${boardId}`)
        return tracker.json.hypotheses.map((r: { title: string }) => r.title)
      })
      .toEqual(['Renamed after the bad entry'])
    client.destroy()
  })
})
