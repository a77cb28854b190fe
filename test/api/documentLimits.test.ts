import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { createOwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api

beforeAll(async () => {
  // A small board limit, so that ingestion reaches it quickly.
  server = await startTestServer({ env: { MAX_DOCUMENT_BYTES: String(64 * 1024) } })
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    metric: 'conversion',
    value: 4 + (i % 10) / 10,
    id: `row-${from + i}`,
    source: 'pipeline with a fairly long source name to take some room',
  }))

describe('ingested measurements count toward the board size limit', () => {
  it('refuses a request that would pass the limit with 413 and records none of it', async () => {
    const board = await createOwnedBoard(server.url)
    const boardId = board.id
    const id = await createHypothesis(api, boardId)
    expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
    const { token } = await createToken(api, board)

    const first = await postMeasurements(api, boardId, id, token, { measurements: rows(100) })
    expect(first.status).toBe(200)
    let refused: { res: { status: number; json: any }; recordedBefore: number } | undefined
    for (let i = 1; i < 40; i++) {
      const res = await postMeasurements(api, boardId, id, token, {
        measurements: rows(100, i * 100),
      })
      if (res.status !== 200) {
        refused = { res, recordedBefore: i * 100 }
        break
      }
    }
    expect(refused).toBeDefined()
    expect(refused!.res.status).toBe(413)
    expect(refused!.res.json.error.code).toBe('payload_too_large')
    expect(refused!.res.json.error.message).toMatch(/size limit/)
    const view = await api(`/api/boards/${boardId}/hypotheses/${id}`)
    expect(view.json.measurements).toHaveLength(refused!.recordedBefore)
  })
})
