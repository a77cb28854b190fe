import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HypothesisViewSchema, TrackerResponseSchema } from '../../shared/api/hypotheses.js'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { createBoard, createOwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const MINUTE = 60_000
const DAY_MS = 24 * 60 * MINUTE
let server: TestServer
let api: Api
// The server's clock, moved by tests that need time to pass.
let clock = Date.parse('2026-11-30T10:00:00.000Z')
const iso = (t: number) => new Date(t).toISOString()

beforeAll(async () => {
  server = await startTestServer({ now: () => clock })
  api = apiClient(server.url)
})
afterAll(() => server.cleanup())

const view = async (boardId: string, id: string) => {
  const res = await api(`/api/boards/${boardId}/hypotheses/${id}`)
  expect(res.status).toBe(200)
  return HypothesisViewSchema.parse(res.json)
}

async function runningHypothesis(over: Record<string, unknown> = {}) {
  const board = await createOwnedBoard(server.url)
  const id = await createHypothesis(api, board.id, over)
  expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
  const { token } = await createToken(api, board)
  return { boardId: board.id, id, token }
}

const relativeConversion = {
  ...checkoutMetrics[0],
  baseline: { value: 4, at: '2026-10-01T00:00:00Z', source: 'warehouse' },
  target: { value: null, relative: { by: 10, unit: '%' } },
}

describe('measurements dated in the future', () => {
  it('refuses a row more than five minutes ahead of the server with a 400, recording nothing', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const res = await postMeasurements(api, boardId, id, token, {
      measurements: [
        { metric: 'conversion', value: 4.2, at: iso(clock - DAY_MS) },
        { metric: 'conversion', value: 9, at: iso(clock + 10 * MINUTE) },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(/^row 2: at is in the future/)
    expect(res.json.error.details).toEqual({ row: 2, field: 'at' })
    expect((await view(boardId, id)).measurements).toEqual([])
  })

  it('refuses future rows in CSV too, and takes a few minutes of clock skew', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const csv = `metric,value,at,source,id\nconversion,4.5,${iso(clock + 30 * MINUTE)}\n`
    const refused = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
    expect(refused.status).toBe(400)
    expect(refused.json.error.details).toEqual({ row: 1, field: 'at' })
    const skewed = await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 4.5, at: iso(clock + 4 * MINUTE) }],
    })
    expect(skewed.status).toBe(200)
    expect(skewed.json.recorded).toBe(1)
  })
})

describe('a target relative to the baseline', () => {
  it('lets the hypothesis run and judges it against the resolved value', async () => {
    const { boardId, id, token } = await runningHypothesis({
      metrics: [relativeConversion, checkoutMetrics[1]],
    })
    const below = await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 4.3, at: iso(clock - MINUTE), id: 'a' }],
    })
    expect(below.json.verdict.verdict).toBe('pending')
    const reached = await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 4.4, at: iso(clock), id: 'b' }],
    })
    expect(reached.json.verdict.verdict).toBe('supported')
    const v = await view(boardId, id)
    expect(v.criteria[0]).toMatchObject({
      target: { value: null, relative: { by: 10, unit: '%' } },
      baseline: { value: 4, at: '2026-10-01T00:00:00Z', source: 'warehouse' },
    })
  })

  it('refuses a relative target in an unknown unit with a 400, changing nothing', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId)
    const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: {
        metrics: [{ ...relativeConversion, target: { relative: { by: 10, unit: 'pct' } } }],
      },
    })
    expect(res.status).toBe(400)
    expect((await view(boardId, id)).criteria[0]!.target).toEqual({ value: 5 })
  })
})

describe('assumptions', () => {
  it('keeps them riskiest first with their state, and reorders them through PATCH', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId, {
      assumptions: [
        { text: 'People read the copy', state: 'broken' },
        { text: 'Price is not the blocker' },
      ],
    })
    const created = await view(boardId, id)
    expect(created.assumptions.map((a) => [a.text, a.state])).toEqual([
      ['People read the copy', 'broken'],
      ['Price is not the blocker', 'untested'],
    ])
    const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: {
        assumptions: [
          { text: 'Price is not the blocker', state: 'holding' },
          { text: 'People read the copy', state: 'broken' },
        ],
      },
    })
    expect(res.status).toBe(200)
    const after = await view(boardId, id)
    expect(after.assumptions.map((a) => a.text)).toEqual([
      'Price is not the blocker',
      'People read the copy',
    ])
    // Restated by text, they keep their ids.
    expect(after.assumptions[1]!.id).toBe(created.assumptions[0]!.id)
  })

  it('refuses an unknown state, an empty text and assumptions on another kind', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId)
    const patch = (body: unknown, canvasId = id) =>
      api(`/api/boards/${boardId}/canvases/${canvasId}`, { method: 'PATCH', body })
    expect((await patch({ assumptions: [{ text: 'x', state: 'maybe' }] })).status).toBe(400)
    expect((await patch({ assumptions: [{ text: '  ' }] })).status).toBe(400)
    const lean = await api(`/api/boards/${boardId}/canvases`, { body: { kind: 'lean' } })
    const other = await patch({ assumptions: [{ text: 'x' }] }, lean.json.id)
    expect(other.status).toBe(400)
    expect(other.json.error.message).toMatch(/only a hypothesis canvas has assumptions/)
    expect((await view(boardId, id)).assumptions).toEqual([])
  })
})

describe('a decision and the verdict it was made on', () => {
  it('keeps the verdict with the decision; the view and the tracker show it, not pending', async () => {
    const { boardId, id } = await runningHypothesis()
    const decided = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: 'No signal in time', by: 'Ana' },
    })
    expect(decided.status).toBe(201)
    const v = HypothesisViewSchema.parse(decided.json)
    expect(v.decision).toMatchObject({
      at: iso(clock),
      verdictAtDecision: { verdict: 'inconclusive' },
    })
    expect(v.verdict.verdict).toBe('inconclusive')
    await expect
      .poll(async () => {
        const res = await api(`/api/hypotheses?board=${boardId}`)
        const row = TrackerResponseSchema.parse(res.json).hypotheses[0]
        return row && [row.status, row.verdict, row.decidedAt]
      })
      .toEqual(['decided', 'inconclusive', iso(clock)])
  })
})

describe('dated and attributed', () => {
  it('dates the lessons given when a canvas is created', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId, { boxes: { lessons: ['Ask earlier'] } })
    expect((await view(boardId, id)).lessons).toEqual([
      expect.objectContaining({ text: 'Ask earlier', at: iso(clock), by: 'API' }),
    ])
  })
})

describe('importing a hypothesis', () => {
  const exportOf = async (boardId: string) => (await api(`/api/boards/${boardId}/export.md`)).text
  const importInto = (boardId: string, text: string) =>
    api(`/api/boards/${boardId}/import`, { body: text, type: 'text/markdown' })

  it('restores a time box that started before the import as history, and says so', async () => {
    const { boardId, id } = await runningHypothesis()
    const text = await exportOf(boardId)
    clock += 2 * DAY_MS
    const target = await createBoard(server.url)
    const res = await importInto(target, text)
    expect(res.status).toBe(201)
    expect(res.json.notes).toEqual([expect.stringMatching(/time box restored from an import/i)])
    const v = await view(target, id)
    expect(v.timebox.start).toBe(iso(clock - 2 * DAY_MS))
    expect(v.history).toEqual([
      expect.objectContaining({
        at: iso(clock),
        by: 'import',
        note: expect.stringMatching(/did not start it/),
      }),
    ])
  })

  it('keeps locked criteria the file rewrote as an amendment by the import', async () => {
    const { boardId, id } = await runningHypothesis()
    const amend = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: {
        metrics: [{ ...checkoutMetrics[0], target: { value: 6 } }, checkoutMetrics[1]],
        reason: 'Agreed with finance',
      },
    })
    expect(amend.status).toBe(200)
    const text = await exportOf(boardId)
    const rewritten = text.replace(/(\| conversion \| success \|.*\| )6( \|)/, '$17$2')
    expect(rewritten).not.toBe(text)
    const target = await createBoard(server.url)
    const res = await importInto(target, rewritten)
    expect(res.status).toBe(201)
    expect(res.json.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/locked criteria conversion differ/)]),
    )
    const amendments = (await view(target, id)).amendments
    expect(amendments).toHaveLength(2)
    expect(amendments[1]).toMatchObject({
      by: 'import',
      metric: 'conversion',
      before: { target: { value: 6 } },
      after: { target: { value: 7 } },
    })
  })

  it('refuses a file with a measurement dated in the future, creating nothing', async () => {
    const { boardId, id, token } = await runningHypothesis()
    await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 4.4, at: iso(clock), id: 'now-1' }],
    })
    const text = (await exportOf(boardId)).replace(
      new RegExp(`\\| conversion \\| 4.4 \\| ${iso(clock).replace(/\./g, '\\.')}`),
      `| conversion | 4.4 | ${iso(clock + DAY_MS)}`,
    )
    const target = await createBoard(server.url)
    const res = await importInto(target, text)
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(/measurement "now-1" of conversion: at is in the future/)
    expect((await api(`/api/boards/${target}/canvases`)).json.canvases).toEqual([])
  })
})
