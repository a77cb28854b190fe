import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HypothesisViewSchema,
  MeasurementsResultSchema,
  MaxMeasurementBodyBytes,
} from '../../shared/api/hypotheses.js'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  createToken,
  postMeasurements,
  postOnOwnConnection,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { createBoard, createOwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const DAY_MS = 24 * 60 * 60 * 1000
let server: TestServer
let api: Api
// The server's clock, moved by tests that need a time box to end.
// After every observation time the tests post: values dated ahead of the server are refused.
let clock = Date.parse('2026-11-04T09:00:00.000Z')

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

/** A board with a running checkout hypothesis and a token for it. */
async function runningHypothesis() {
  const board = await createOwnedBoard(server.url)
  const boardId = board.id
  const id = await createHypothesis(api, boardId)
  expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
  const { token } = await createToken(api, board)
  return { board, boardId, id, token }
}

describe('the lifecycle of a hypothesis through PATCH', () => {
  it('refuses running with a 409 naming the criterion that lacks a target', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId, {
      metrics: [{ key: 'signups', kind: 'success', baseline: { value: 10 } }],
    })
    const res = await setStatus(api, boardId, id, 'running')
    expect(res.status).toBe(409)
    expect(res.json.error.code).toBe('conflict')
    expect(res.json.error.message).toMatch(/baseline and a target.*signups lacks one/)
    expect((await view(boardId, id)).status).toBe('draft')
  })

  it('refuses ready without any success criterion', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId, { metrics: [] })
    const res = await setStatus(api, boardId, id, 'ready')
    expect(res.status).toBe(409)
    expect(res.json.error.message).toMatch(/at least one success criterion/)
  })

  it('starts a weekly time box when it starts running', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId)
    expect((await setStatus(api, boardId, id, 'ready')).status).toBe(200)
    expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
    const v = await view(boardId, id)
    expect(v.status).toBe('running')
    expect(v.timebox).toEqual({
      start: new Date(clock).toISOString(),
      end: new Date(clock + 7 * DAY_MS).toISOString(),
      days: 7,
    })
  })

  it('takes a time box length before the start, and refuses one after', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId)
    const path = `/api/boards/${boardId}/canvases/${id}`
    const started = await api(path, {
      method: 'PATCH',
      body: { status: 'running', timeboxDays: 14 },
    })
    expect(started.status).toBe(200)
    expect((await view(boardId, id)).timebox.end).toBe(new Date(clock + 14 * DAY_MS).toISOString())
    const later = await api(path, { method: 'PATCH', body: { timeboxDays: 30 } })
    expect(later.status).toBe(409)
    expect((await view(boardId, id)).timebox.days).toBe(14)
  })

  it('refuses going back from running, and a status on another kind of canvas', async () => {
    const { boardId, id } = await runningHypothesis()
    const back = await setStatus(api, boardId, id, 'draft')
    expect(back.status).toBe(409)
    expect(back.json.error.message).toMatch(/cannot go back from running to draft/)
    const lean = await api(`/api/boards/${boardId}/canvases`, { body: { kind: 'lean' } })
    expect((await setStatus(api, boardId, lean.json.id, 'running')).status).toBe(400)
  })

  it('applies nothing of a PATCH that the rules refuse', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId, {
      metrics: [{ key: 'signups', kind: 'success' }],
    })
    const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: { title: 'Renamed', status: 'running' },
    })
    expect(res.status).toBe(409)
    expect((await view(boardId, id)).title).toBe('One-page checkout')
  })

  describe('once it runs', () => {
    it('asks for a reason to change a criterion and refuses without one', async () => {
      const { boardId, id } = await runningHypothesis()
      const moved = checkoutMetrics.map((m) =>
        m.key === 'conversion' ? { ...m, target: { value: 4.5 } } : m,
      )
      const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
        method: 'PATCH',
        body: { metrics: moved },
      })
      expect(res.status).toBe(409)
      expect(res.json.error.message).toMatch(/locked.*reason.*conversion/)
      const v = await view(boardId, id)
      expect(v.criteria.find((m) => m.key === 'conversion')!.target.value).toBe(5)
      expect(v.amendments).toEqual([])
    })

    it('keeps a change with a reason as a dated, attributed amendment', async () => {
      const { boardId, id } = await runningHypothesis()
      const before = (await view(boardId, id)).criteria
      const moved = checkoutMetrics.map((m) =>
        m.key === 'conversion' ? { ...m, target: { value: 4.5 } } : m,
      )
      const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
        method: 'PATCH',
        body: { metrics: moved, reason: 'The baseline was measured on a holiday week', by: 'Ana' },
      })
      expect(res.status).toBe(200)
      const v = await view(boardId, id)
      expect(v.amendments).toHaveLength(1)
      expect(v.amendments[0]).toMatchObject({
        metric: 'conversion',
        by: 'Ana',
        reason: 'The baseline was measured on a holiday week',
        at: new Date(clock).toISOString(),
        before: { target: { value: 5 } },
        after: { target: { value: 4.5 } },
      })
      // Restated metrics keep their ids, so the canvas edits them in place.
      expect(v.criteria.map((m) => m.id)).toEqual(before.map((m) => m.id))
    })

    it('records no amendment when the metrics are restated unchanged', async () => {
      const { boardId, id } = await runningHypothesis()
      const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
        method: 'PATCH',
        body: { metrics: checkoutMetrics },
      })
      expect(res.status).toBe(200)
      expect((await view(boardId, id)).amendments).toEqual([])
    })
  })
})

describe('posting measurements', () => {
  const path = (boardId: string, id: string) =>
    `/api/boards/${boardId}/hypotheses/${id}/measurements`

  it('records JSON measurements and answers with the verdict that follows', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const res = await postMeasurements(api, boardId, id, token, {
      measurements: [
        { metric: 'conversion', value: 4.6, at: '2026-11-02T10:00:00Z', source: 'ab-platform' },
        { metric: 'latency', value: 190 },
      ],
    })
    expect(res.status).toBe(200)
    const body = MeasurementsResultSchema.parse(res.json)
    expect(body).toMatchObject({ recorded: 2, duplicates: 0, status: 'running' })
    expect(body.verdict.verdict).toBe('pending')

    const supported = await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 5.1, at: '2026-11-03T10:00:00Z' }],
    })
    expect(supported.json.verdict.verdict).toBe('supported')

    const v = await view(boardId, id)
    expect(v.measurements).toHaveLength(3)
    expect(v.measurements[0]).toMatchObject({
      metric: 'conversion',
      value: 4.6,
      at: '2026-11-02T10:00:00.000Z',
      source: 'ab-platform',
      baseline: false,
      by: 'pipeline',
    })
    expect(v.summaries.find((s) => s.key === 'conversion')).toEqual({
      key: 'conversion',
      count: 2,
      first: { value: 4.6, at: '2026-11-02T10:00:00.000Z' },
      latest: { value: 5.1, at: '2026-11-03T10:00:00.000Z' },
    })
  })

  it('refutes when a guardrail is breached', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const res = await postMeasurements(api, boardId, id, token, {
      measurements: [
        { metric: 'conversion', value: 6 },
        { metric: 'latency', value: 221 },
      ],
    })
    expect(res.json.verdict.verdict).toBe('refuted')
    expect(res.json.verdict.reason).toMatch(/latency/)
  })

  it('reads CSV with the header metric,value,at,source,id, short rows included', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const csv =
      'metric,value,at,source,id\n' +
      'conversion,4.8,2026-11-02T10:00:00Z,"nightly, job",run-1\n' +
      'latency,185\n'
    const res = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
    expect(res.status).toBe(200)
    expect(res.json.recorded).toBe(2)
    const v = await view(boardId, id)
    expect(v.measurements.map((m) => [m.id === 'run-1', m.source, m.value])).toEqual([
      [true, 'nightly, job', 4.8],
      [false, null, 185],
    ])
  })

  it('reads CSV whose header names only some columns, in its own order', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const csv = 'value,metric,source\n4.9,conversion,sheet\n190,latency\n'
    const res = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
    expect(res.status).toBe(200)
    expect(res.json.recorded).toBe(2)
    const v = await view(boardId, id)
    expect(v.measurements.map((m) => [m.metric, m.value, m.source])).toEqual([
      ['conversion', 4.9, 'sheet'],
      ['latency', 190, null],
    ])
  })

  it('refuses a CSV row with more cells than its header names, saying both counts', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const csv = 'metric,value\nconversion,4.9\nlatency,190,2026-11-02T10:00:00Z\n'
    const res = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(
      'row 2: found 3 cells, expected at most 2 (the header names metric,value)',
    )
    expect((await view(boardId, id)).measurements).toEqual([])
  })

  describe('all or nothing', () => {
    it.each([
      [
        'an unknown metric',
        [
          { metric: 'conversion', value: 1 },
          { metric: 'revenue', value: 2 },
        ],
        /row 2: metric "revenue"/,
        { row: 2, field: 'metric' },
      ],
      [
        'a value that is not a number',
        [{ metric: 'conversion', value: '4.2' }],
        /row 1: value must be a number/,
        { row: 1, field: 'value' },
      ],
      [
        'a bad time',
        [
          { metric: 'conversion', value: 1 },
          { metric: 'conversion', value: 1 },
          { metric: 'latency', value: 1, at: 'yesterday' },
        ],
        /row 3: at must be an ISO 8601 time/,
        { row: 3, field: 'at' },
      ],
      [
        'a field nobody knows',
        [{ metric: 'conversion', value: 1, colour: 'red' }],
        /row 1/,
        { row: 1, field: 'row' },
      ],
    ])(
      'refuses %s with a 400 naming the row and field, and records nothing',
      async (_n, rows, message, details) => {
        const { boardId, id, token } = await runningHypothesis()
        const res = await postMeasurements(api, boardId, id, token, { measurements: rows })
        expect(res.status).toBe(400)
        expect(res.json.error.code).toBe('invalid_body')
        expect(res.json.error.message).toMatch(message)
        expect(res.json.error.details).toEqual(details)
        expect((await view(boardId, id)).measurements).toEqual([])
      },
    )

    it('refuses a CSV row that is not a number, naming its row', async () => {
      const { boardId, id, token } = await runningHypothesis()
      const csv = 'metric,value,at,source,id\nconversion,4.8\nconversion,lots\n'
      const res = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
      expect(res.status).toBe(400)
      expect(res.json.error.message).toMatch(/row 2: value must be a number/)
      expect((await view(boardId, id)).measurements).toEqual([])
    })

    it.each([
      [
        'a wrong header',
        'metric,amount\nconversion,1\n',
        /column 2 is "amount"; expected column names from metric,value,at,source,id/,
      ],
      ['too many columns', 'metric,value,at,source,id\nconversion,1,,,,extra\n', /CSV/],
      ['no rows', 'metric,value,at,source,id\n', /no measurements/],
    ])('refuses CSV with %s', async (_n, csv, message) => {
      const { boardId, id, token } = await runningHypothesis()
      const res = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
      expect(res.status).toBe(400)
      expect(res.json.error.message).toMatch(message)
    })

    it.each([
      ['invalid JSON', '{"measurements": [', /not valid JSON/],
      ['no rows', { measurements: [] }, /measurements/],
      ['a body without measurements', { rows: [] }, /measurements/],
    ])('refuses %s', async (_n, body, message) => {
      const { boardId, id, token } = await runningHypothesis()
      const res = await postMeasurements(api, boardId, id, token, body)
      expect(res.status).toBe(400)
      expect(res.json.error.message).toMatch(message)
    })
  })

  describe('idempotency', () => {
    it('records the same id once, within one request and across requests', async () => {
      const { boardId, id, token } = await runningHypothesis()
      const rows = [
        { metric: 'conversion', value: 4.5, id: 'run-7' },
        { metric: 'conversion', value: 4.5, id: 'run-7' },
        { metric: 'latency', value: 150, id: 'run-8' },
      ]
      const first = await postMeasurements(api, boardId, id, token, { measurements: rows })
      expect(first.json).toMatchObject({ recorded: 2, duplicates: 1 })
      const again = await postMeasurements(api, boardId, id, token, { measurements: rows })
      expect(again.status).toBe(200)
      expect(again.json).toMatchObject({ recorded: 0, duplicates: 3 })
      const csv = 'metric,value,at,source,id\nconversion,4.5,,,run-7\n'
      const viaCsv = await postMeasurements(api, boardId, id, token, csv, 'text/csv')
      expect(viaCsv.json).toMatchObject({ recorded: 0, duplicates: 1 })
      expect((await view(boardId, id)).measurements.map((m) => m.id).sort()).toEqual([
        'run-7',
        'run-8',
      ])
    })

    it('records one id once when the same request is sent many times at once', async () => {
      const { boardId, id, token } = await runningHypothesis()
      const body = { measurements: [{ metric: 'conversion', value: 4.9, id: 'retry-me' }] }
      const results = await Promise.all(
        Array.from({ length: 10 }, () => postMeasurements(api, boardId, id, token, body)),
      )
      expect(results.map((r) => r.json.recorded).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
      expect((await view(boardId, id)).measurements).toHaveLength(1)
    })
  })

  describe('authorisation', () => {
    it('answers 401 without a token or with an unknown one', async () => {
      const { boardId, id } = await runningHypothesis()
      const body = { measurements: [{ metric: 'conversion', value: 1 }] }
      const none = await api(path(boardId, id), { body })
      expect(none.status).toBe(401)
      expect(none.json.error.code).toBe('unauthorized')
      const wrong = await postMeasurements(api, boardId, id, 'dbi_not-a-token', body)
      expect(wrong.status).toBe(401)
      expect((await view(boardId, id)).measurements).toEqual([])
    })

    it('answers 401 once the token is revoked', async () => {
      const { board, boardId, id } = await runningHypothesis()
      const created = await createToken(api, board, 'to revoke')
      const body = { measurements: [{ metric: 'conversion', value: 1 }] }
      expect((await postMeasurements(api, boardId, id, created.token, body)).status).toBe(200)
      const revoked = await api(`/api/boards/${boardId}/tokens/${created.id}`, {
        method: 'DELETE',
        token: board.ownerKey,
      })
      expect(revoked.status).toBe(204)
      const res = await postMeasurements(api, boardId, id, created.token, body)
      expect(res.status).toBe(401)
      expect(res.json.error.message).toMatch(/revoked/)
    })

    it('answers 403 to a token of another board', async () => {
      const { boardId, id } = await runningHypothesis()
      const other = await createOwnedBoard(server.url)
      const { token } = await createToken(api, other)
      const res = await postMeasurements(api, boardId, id, token, {
        measurements: [{ metric: 'conversion', value: 1 }],
      })
      expect(res.status).toBe(403)
      expect(res.json.error.code).toBe('forbidden')
    })

    it('checks the token before reading a large body', async () => {
      const { boardId, id } = await runningHypothesis()
      const res = await postOnOwnConnection(
        `${server.url}${path(boardId, id)}`,
        'x'.repeat(MaxMeasurementBodyBytes + 1),
        { 'content-type': 'text/csv' },
      )
      expect(res.status).toBe(401)
    })
  })

  it('answers 413 to a body over the limit and records nothing', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const row = 'conversion,4.5,2026-11-02T10:00:00Z,a-source-name-to-make-rows-long,'
    const lines = Math.ceil(MaxMeasurementBodyBytes / row.length) + 10
    const csv = `metric,value,at,source,id\n${`${row}\n`.repeat(lines)}`
    const res = await postOnOwnConnection(`${server.url}${path(boardId, id)}`, csv, {
      'content-type': 'text/csv',
      authorization: `Bearer ${token}`,
    })
    expect(res.status).toBe(413)
    expect(res.json.error.code).toBe('payload_too_large')
    expect((await view(boardId, id)).measurements).toEqual([])
  })

  it('answers 415 to a body that is neither JSON nor CSV', async () => {
    const { boardId, id, token } = await runningHypothesis()
    const res = await postMeasurements(api, boardId, id, token, 'conversion=1', 'text/plain')
    expect(res.status).toBe(415)
  })

  it('answers 404 for a canvas that is not a hypothesis', async () => {
    const { boardId, token } = await runningHypothesis()
    const lean = await api(`/api/boards/${boardId}/canvases`, { body: { kind: 'lean' } })
    const res = await postMeasurements(api, boardId, lean.json.id, token, {
      measurements: [{ metric: 'conversion', value: 1 }],
    })
    expect(res.status).toBe(404)
  })

  describe('when the hypothesis is not running', () => {
    it('refuses measurements with a 409 that says why', async () => {
      const board = await createOwnedBoard(server.url)
      const boardId = board.id
      const id = await createHypothesis(api, boardId)
      const { token } = await createToken(api, board)
      const res = await postMeasurements(api, boardId, id, token, {
        measurements: [{ metric: 'conversion', value: 4.2 }],
      })
      expect(res.status).toBe(409)
      expect(res.json.error.message).toMatch(/draft, not running.*baseline/)
      expect((await view(boardId, id)).measurements).toEqual([])
    })

    it('accepts baseline readings, which never decide the verdict', async () => {
      const board = await createOwnedBoard(server.url)
      const boardId = board.id
      const id = await createHypothesis(api, boardId)
      const { token } = await createToken(api, board)
      const json = await postMeasurements(api, boardId, id, token, {
        measurements: [{ metric: 'conversion', value: 6 }],
        baseline: true,
      })
      expect(json.status).toBe(200)
      const csv = await api(`${path(boardId, id)}?baseline=true`, {
        body: 'metric,value,at,source,id\nconversion,4.1\n',
        type: 'text/csv',
        token,
      })
      expect(csv.status).toBe(200)
      const v = await view(boardId, id)
      expect(v.measurements.map((m) => m.baseline)).toEqual([true, true])
      expect(v.verdict.verdict).toBe('pending')
      expect(v.summaries[0]!.count).toBe(0)
    })
  })
})

describe('the verdict over the time box', () => {
  it('is inconclusive when the time box ends without data, and the hypothesis is overdue', async () => {
    const { boardId, id } = await runningHypothesis()
    const started = clock
    try {
      clock = started + 7 * DAY_MS - 1
      expect((await view(boardId, id)).verdict.verdict).toBe('pending')
      expect((await view(boardId, id)).overdue).toBe(false)
      clock = started + 7 * DAY_MS
      const v = await view(boardId, id)
      expect(v.verdict.verdict).toBe('inconclusive')
      expect(v.overdue).toBe(true)
    } finally {
      clock = started
    }
  })

  it('is refuted when the time box ends with the criterion missed', async () => {
    const { boardId, id, token } = await runningHypothesis()
    await postMeasurements(api, boardId, id, token, {
      measurements: [{ metric: 'conversion', value: 4.4 }],
    })
    const started = clock
    try {
      clock = started + 8 * DAY_MS
      expect((await view(boardId, id)).verdict.verdict).toBe('refuted')
    } finally {
      clock = started
    }
  })
})

describe('deciding', () => {
  it('refuses a decision before the hypothesis ran', async () => {
    const boardId = await createBoard(server.url)
    const id = await createHypothesis(api, boardId)
    const res = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: 'no time' },
    })
    expect(res.status).toBe(409)
    expect(res.json.error.message).toMatch(/Only a running hypothesis/)
  })

  it('requires a rationale', async () => {
    const { boardId, id } = await runningHypothesis()
    const res = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: ' ' },
    })
    expect(res.status).toBe(400)
  })

  it('records who decided what and why, and closes the hypothesis once', async () => {
    const { boardId, id } = await runningHypothesis()
    const res = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'persevere', rationale: 'Conversion is up', by: 'Ana' },
    })
    expect(res.status).toBe(201)
    const v = HypothesisViewSchema.parse(res.json)
    expect(v.status).toBe('decided')
    expect(v.decision).toEqual({
      decision: 'persevere',
      rationale: 'Conversion is up',
      by: 'Ana',
      at: new Date(clock).toISOString(),
      // Decided without data: judged as the time box closed, never "pending".
      verdictAtDecision: { verdict: 'inconclusive', reason: expect.any(String) },
    })
    expect(v.successor).toBeNull()
    const again = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: 'changed our mind' },
    })
    expect(again.status).toBe(409)
    expect((await view(boardId, id)).decision!.decision).toBe('persevere')
  })

  it('pivots into a linked successor with the problem and customers carried over', async () => {
    const { boardId, id } = await runningHypothesis()
    const res = await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'pivot', rationale: 'Buyers want guest checkout instead' },
    })
    expect(res.status).toBe(201)
    const successorId = res.json.successor as string
    expect(successorId).toMatch(/^[A-Za-z0-9_-]+$/)
    const successor = await view(boardId, successorId)
    expect(successor.predecessor).toBe(id)
    expect(successor.status).toBe('draft')
    expect(successor.title).toBe('One-page checkout (pivot)')
    const canvas = await api(`/api/boards/${boardId}/canvases/${successorId}`)
    expect(canvas.json.boxes.problem.map((i: { text: string }) => i.text)).toEqual([
      'Checkout drops buyers',
    ])
    expect(canvas.json.boxes.customers.map((i: { text: string }) => i.text)).toEqual([
      'First-time buyers',
    ])
  })
})

describe('lessons learned', () => {
  it('appends dated, attributed lessons in order', async () => {
    const { boardId, id } = await runningHypothesis()
    const lessons = `/api/boards/${boardId}/hypotheses/${id}/lessons`
    const first = await api(lessons, {
      body: { text: 'Buyers read the shipping cost first', by: 'Ana' },
    })
    expect(first.status).toBe(201)
    expect(first.json).toMatchObject({ by: 'Ana', at: new Date(clock).toISOString() })
    await api(lessons, { body: { text: 'Mobile users abandon at the address form' } })
    const v = await view(boardId, id)
    expect(v.lessons.map((l) => [l.text, l.by])).toEqual([
      ['Buyers read the shipping cost first', 'Ana'],
      ['Mobile users abandon at the address form', 'API'],
    ])
  })

  it('cannot be rewritten through PATCH', async () => {
    const { boardId, id } = await runningHypothesis()
    await api(`/api/boards/${boardId}/hypotheses/${id}/lessons`, { body: { text: 'keep me' } })
    const res = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: { boxes: { lessons: [] } },
    })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(/append-only/)
    expect((await view(boardId, id)).lessons).toHaveLength(1)
  })
})

describe('reading a hypothesis', () => {
  it('answers 404 for an unknown hypothesis and for another kind of canvas', async () => {
    const boardId = await createBoard(server.url)
    expect((await api(`/api/boards/${boardId}/hypotheses/nosuchcanvas`)).status).toBe(404)
    const ml = await api(`/api/boards/${boardId}/canvases`, { body: { kind: 'ml' } })
    expect((await api(`/api/boards/${boardId}/hypotheses/${ml.json.id}`)).status).toBe(404)
  })
})

describe('markdown', () => {
  it('exports criteria, amendments, measurements, verdict, decision and lessons, and imports them back unchanged', async () => {
    const { boardId, id, token } = await runningHypothesis()
    await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: {
        metrics: checkoutMetrics.map((m) =>
          m.key === 'conversion' ? { ...m, target: { value: 4.8 } } : m,
        ),
        reason: 'Agreed with finance',
        by: 'Ana',
      },
    })
    await postMeasurements(api, boardId, id, token, {
      measurements: [
        { metric: 'conversion', value: 4.4, at: '2026-11-02T10:00:00Z', id: 'a' },
        { metric: 'conversion', value: 4.9, at: '2026-11-03T10:00:00Z', id: 'b' },
        { metric: 'latency', value: 190, source: 'apm | prod', id: 'c' },
      ],
    })
    await api(`/api/boards/${boardId}/hypotheses/${id}/lessons`, {
      body: { text: 'Shipping costs | decide', by: 'Ben' },
    })
    await api(`/api/boards/${boardId}/hypotheses/${id}/decision`, {
      body: { decision: 'persevere', rationale: 'Conversion is up', by: 'Ana' },
    })

    const md = await api(`/api/boards/${boardId}/canvases/${id}/export.md`)
    expect(md.text).toContain('| conversion | 2 | 4.4 | 2026-11-02T10:00:00.000Z | 4.9 |')
    expect(md.text).toContain('| Verdict | supported:')
    expect(md.text).toContain('Agreed with finance')
    expect(md.text).toMatch(/\| persevere \| Conversion is up \| Ana \|/)
    expect(md.text).toContain('Shipping costs \\| decide')

    const board = await api(`/api/boards/${boardId}/export.md`)
    const target = await createBoard(server.url, 'Test board')
    const imported = await api(`/api/boards/${target}/import`, {
      body: board.text,
      type: 'text/markdown',
    })
    expect(imported.status).toBe(201)
    expect((await api(`/api/boards/${target}/export.md`)).text).toBe(board.text)
    const copy = await view(target, id)
    const original = await view(boardId, id)
    expect(copy.measurements).toEqual(original.measurements)
    expect(copy.verdict).toEqual(original.verdict)
    expect(copy.lessons).toEqual(original.lessons)
    expect(copy.amendments).toEqual(original.amendments)

    // Imported again into the same board, the copy gets new ids and keeps its dated lessons.
    const again = await api(`/api/boards/${target}/import`, {
      body: md.text,
      type: 'text/markdown',
    })
    const second = await view(target, again.json.ids[0])
    expect(second.id).not.toBe(id)
    expect(second.lessons.map((l) => [l.text, l.by, l.at])).toEqual(
      original.lessons.map((l) => [l.text, l.by, l.at]),
    )
  })
})
