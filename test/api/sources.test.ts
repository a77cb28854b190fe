import Database from 'better-sqlite3'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HypothesisViewSchema } from '../../shared/api/hypotheses.js'
import { MetricSourceViewSchema, PollResultSchema } from '../../shared/api/sources.js'
import { DatabaseFileName } from '../../server/persistence/sqlite/SqlitePersistence.js'
import type { MetricInput } from '../../shared/api/canvases.js'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { createBoard, createOwnedBoard, keyOf } from '../helpers/clients.js'
import { startTestPrometheus, type TestPrometheus } from '../helpers/prometheus.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { postgresDatabaseFor, storeUnderTest } from '../helpers/storeUnderTest.js'

const MlflowToken = 'mlflow-secret-token-7f3a9c'
const GrowthBookKey = 'secret_growthbook_key_91b2'
/** MLflow's get-history answer: every logged value of one metric of one run. */
const mlflowHistory = {
  metrics: [
    { key: 'val_recall', value: 0.81, timestamp: 1772359200000, step: 1 },
    { key: 'val_recall', value: 0.84, timestamp: 1772362800000, step: 2 },
  ],
}
/** GrowthBook's experiment results answer, trimmed to the members a recipe reads. */
const growthBookResults = {
  result: {
    id: 'snp_1',
    dateUpdated: '2026-03-02T08:30:00.000Z',
    experimentId: 'exp_checkout',
    phase: '0',
    dateStart: '2026-02-20T00:00:00.000Z',
    dateEnd: '2026-03-02T00:00:00.000Z',
    dimension: { type: 'none' },
    settings: { datasourceId: 'ds_1', assignmentQueryId: 'user_id', experimentId: 'checkout' },
    queryIds: ['qry_1'],
    results: [
      {
        dimension: 'All',
        totalUsers: 20000,
        checks: { srm: 0.41 },
        metrics: [
          {
            metricId: 'met_conversion',
            variations: [
              {
                variationId: 'control',
                analyses: [{ engine: 'bayesian', numerator: 400, denominator: 10000, mean: 0.04 }],
              },
              {
                variationId: 'one-page',
                analyses: [
                  {
                    engine: 'bayesian',
                    numerator: 510,
                    denominator: 10000,
                    mean: 0.051,
                    percentChange: 0.275,
                    chanceToBeatControl: 0.97,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
}

let server: TestServer
let api: Api
let prometheus: TestPrometheus
let upstream: Server
let upstreamUrl: string
/** The header each request to the local JSON server carried, by path. */
const seenHeaders = new Map<string, Record<string, string | string[] | undefined>>()
// The server's clock. Prometheus queries are evaluated at the start of the poll's minute: the
// clock starts at the next minute, after the exporter's first scrape (Prometheus reads the newest
// sample at a time ahead of it).
let clock = 0

beforeAll(async () => {
  prometheus = await startTestPrometheus({ checkout_latency_ms: 187 })
  upstream = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream')
    seenHeaders.set(url.pathname, req.headers)
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (url.pathname === '/api/2.0/mlflow/metrics/get-history') {
      if (req.headers.authorization !== `Bearer ${MlflowToken}`) return send(401, {})
      if (url.searchParams.get('metric_key') !== 'val_recall') return send(404, {})
      return send(200, mlflowHistory)
    }
    if (url.pathname === '/api/v1/experiments/exp_checkout/results') {
      if (req.headers.authorization !== `Bearer ${GrowthBookKey}`) return send(401, {})
      return send(200, growthBookResults)
    }
    if (url.pathname === '/broken') return send(500, { error: 'database is down' })
    if (url.pathname === '/text') return res.writeHead(200).end('<html>not json</html>')
    send(404, { error: 'no such path' })
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`
  clock = Math.ceil(Date.now() / 60_000) * 60_000 + 1_000
  server = await startTestServer({
    now: () => clock,
    // The poller's own schedule is tested below with a server of its own.
    env: { PULLS_ALLOW_PRIVATE_NETWORK: 'true', PULLS_TICK_MS: '600000' },
  })
  api = apiClient(server.url)
}, 120_000)
afterAll(async () => {
  await server?.cleanup()
  await prometheus?.destroy()
  upstream?.closeAllConnections()
  await new Promise((resolve) => upstream?.close(resolve))
})

const sourcePath = (boardId: string, id: string, key: string) =>
  `/api/boards/${boardId}/hypotheses/${id}/metrics/${key}/source`

const measurementsOf = async (boardId: string, id: string, metric: string) => {
  const res = await api(`/api/boards/${boardId}/hypotheses/${id}`)
  expect(res.status).toBe(200)
  return HypothesisViewSchema.parse(res.json).measurements.filter((m) => m.metric === metric)
}

/** A board with a running checkout hypothesis (metrics `conversion` and `latency`). */
async function runningHypothesis(extraMetrics: MetricInput[] = []) {
  const boardId = await createBoard(server.url)
  const id = await createHypothesis(api, boardId, {
    metrics: [...checkoutMetrics, ...extraMetrics],
  })
  expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
  return { boardId, id }
}

const prometheusSource = () => ({
  kind: 'prometheus',
  baseUrl: prometheus.url,
  query: 'checkout_latency_ms',
  everyMinutes: 1,
})

const poll = async (boardId: string, id: string, key: string) => {
  const res = await api(`${sourcePath(boardId, id, key)}/poll`, { method: 'POST' })
  expect(res.status).toBe(200)
  return PollResultSchema.parse(res.json)
}

describe('when a metric is connected to a source', () => {
  it('is shown with its status, listed with the board, and can be removed', async () => {
    const { boardId, id } = await runningHypothesis()
    const put = await api(sourcePath(boardId, id, 'latency'), {
      method: 'PUT',
      body: prometheusSource(),
    })
    expect(put.status).toBe(200)
    const view = MetricSourceViewSchema.parse(put.json)
    expect(view).toMatchObject({
      hypothesisId: id,
      metricKey: 'latency',
      source: prometheusSource(),
      lastPollAt: null,
      lastError: null,
      nextPollAt: new Date(clock).toISOString(),
    })
    expect((await api(sourcePath(boardId, id, 'latency'))).json).toEqual(view)
    const listed = await api(`/api/boards/${boardId}/sources`)
    expect(listed.json.sources).toEqual([view])

    expect((await api(sourcePath(boardId, id, 'latency'), { method: 'DELETE' })).status).toBe(204)
    expect((await api(sourcePath(boardId, id, 'latency'))).status).toBe(404)
    expect((await api(`/api/boards/${boardId}/sources`)).json.sources).toEqual([])
    expect((await api(sourcePath(boardId, id, 'latency'), { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses an unknown hypothesis or metric with 404, and stores nothing', async () => {
    const { boardId, id } = await runningHypothesis()
    const other = 'abcdefghijklmnop'
    const noHypothesis = await api(sourcePath(boardId, other, 'latency'), {
      method: 'PUT',
      body: prometheusSource(),
    })
    expect(noHypothesis.status).toBe(404)
    const noMetric = await api(sourcePath(boardId, id, 'revenue'), {
      method: 'PUT',
      body: prometheusSource(),
    })
    expect(noMetric.status).toBe(404)
    expect(noMetric.json.error.message).toMatch(/no metric "revenue"/)
    expect((await api(`/api/boards/${boardId}/sources`)).json.sources).toEqual([])
  })

  const named = {
    kind: 'prometheus',
    baseUrl: 'http://prometheus.example:9090',
    query: 'up',
    everyMinutes: 1,
  }
  it.each([
    [{ ...named, everyMinutes: 0 }, /everyMinutes: must be at least 1/],
    [{ ...named, everyMinutes: 1441 }, /everyMinutes: must be at most 1440/],
    [{ ...named, baseUrl: 'ftp://prometheus' }, /baseUrl: must be an http/],
    [{ ...named, query: ' ' }, /query: is required/],
    [
      { kind: 'json', url: 'http://x.example/', valuePath: 'value', everyMinutes: 5 },
      /valuePath: a path starts with \$/,
    ],
    [
      {
        kind: 'json',
        url: 'http://x.example/',
        valuePath: '$.a',
        timePath: '$..b',
        everyMinutes: 5,
      },
      /timePath: cannot read/,
    ],
    [
      {
        kind: 'json',
        url: 'http://x.example/',
        valuePath: '$.a',
        everyMinutes: 5,
        headers: [{ name: 'Authorization' }],
      },
      /give a value for Authorization/,
    ],
    [{ kind: 'graphite', url: 'http://x.example/' }, /kind/],
  ])('refuses a bad source with 400 naming the field (%#)', async (body, message) => {
    const { boardId, id } = await runningHypothesis()
    const res = await api(sourcePath(boardId, id, 'latency'), { method: 'PUT', body })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(message)
    expect((await api(`/api/boards/${boardId}/sources`)).json.sources).toEqual([])
  })
})

describe('when a Prometheus source is polled', () => {
  it('records the query’s value once per poll interval, attributed to Prometheus', async () => {
    const { boardId, id } = await runningHypothesis()
    await api(sourcePath(boardId, id, 'latency'), { method: 'PUT', body: prometheusSource() })

    const first = await poll(boardId, id, 'latency')
    expect(first).toMatchObject({ recorded: true, error: null })
    expect(first.source).toMatchObject({
      lastPollAt: new Date(clock).toISOString(),
      nextPollAt: new Date(clock + 60_000).toISOString(),
      lastError: null,
      lastValue: 187,
    })
    const again = await poll(boardId, id, 'latency')
    expect(again).toMatchObject({ recorded: false, error: null })
    const recorded = await measurementsOf(boardId, id, 'latency')
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({ value: 187, source: 'Prometheus', by: 'Prometheus' })
    expect(recorded[0]!.at).toBe(new Date(Math.floor(clock / 60_000) * 60_000).toISOString())

    // The next minute reads the gauge again.
    prometheus.setGauge('checkout_latency_ms', 203)
    await prometheus.waitForValue('checkout_latency_ms', 203)
    clock += 60_000
    expect(await poll(boardId, id, 'latency')).toMatchObject({ recorded: true })
    expect((await measurementsOf(boardId, id, 'latency')).map((m) => m.value)).toEqual([187, 203])
    prometheus.setGauge('checkout_latency_ms', 187)
  })

  it('keeps "the query returned no series" as its error and records nothing', async () => {
    const { boardId, id } = await runningHypothesis()
    await api(sourcePath(boardId, id, 'latency'), {
      method: 'PUT',
      body: { ...prometheusSource(), query: 'no_such_metric_total' },
    })
    const result = await poll(boardId, id, 'latency')
    expect(result.recorded).toBe(false)
    expect(result.error).toBe('The query returned no series')
    expect(result.source.lastError).toBe('The query returned no series')
    expect(result.source.nextPollAt).toBe(new Date(clock + 60_000).toISOString())
    expect(await measurementsOf(boardId, id, 'latency')).toEqual([])
  })

  it('says what Prometheus found wrong with a bad query', async () => {
    const { boardId, id } = await runningHypothesis()
    await api(sourcePath(boardId, id, 'latency'), {
      method: 'PUT',
      body: { ...prometheusSource(), query: 'rate(' },
    })
    const result = await poll(boardId, id, 'latency')
    expect(result.error).toMatch(/answered 400: .*parse error/)
    expect(await measurementsOf(boardId, id, 'latency')).toEqual([])
  })
})

describe('when a JSON source is polled', () => {
  const mlflowSource = () => ({
    kind: 'json',
    url: `${upstreamUrl}/api/2.0/mlflow/metrics/get-history?run_id=run42&metric_key=val_recall`,
    headers: [{ name: 'Authorization', value: `Bearer ${MlflowToken}` }],
    valuePath: '$.metrics[-1].value',
    timePath: '$.metrics[-1].timestamp',
    everyMinutes: 60,
  })

  it('reads MLflow’s metric history: the last value at its own time, once', async () => {
    const { boardId, id } = await runningHypothesis([{ key: 'recall', kind: 'evaluation' }])
    const put = await api(sourcePath(boardId, id, 'recall'), {
      method: 'PUT',
      body: mlflowSource(),
    })
    expect(put.status).toBe(200)
    expect(put.json.source).toEqual({
      kind: 'json',
      url: mlflowSource().url,
      headerNames: ['Authorization'],
      valuePath: '$.metrics[-1].value',
      timePath: '$.metrics[-1].timestamp',
      everyMinutes: 60,
    })
    expect(put.text).not.toContain(MlflowToken)

    expect(await poll(boardId, id, 'recall')).toMatchObject({ recorded: true, error: null })
    expect(await poll(boardId, id, 'recall')).toMatchObject({ recorded: false, error: null })
    const recorded = await measurementsOf(boardId, id, 'recall')
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({
      value: 0.84,
      at: new Date(1772362800000).toISOString(),
      source: `JSON from ${new URL(upstreamUrl).host}`,
    })
    expect(seenHeaders.get('/api/2.0/mlflow/metrics/get-history')?.authorization).toBe(
      `Bearer ${MlflowToken}`,
    )
    const listed = await api(`/api/boards/${boardId}/sources`)
    expect(listed.text).not.toContain(MlflowToken)
  })

  it('reads GrowthBook’s experiment results: the variation’s mean at the snapshot’s time', async () => {
    const { boardId, id } = await runningHypothesis()
    await api(sourcePath(boardId, id, 'conversion'), {
      method: 'PUT',
      body: {
        kind: 'json',
        url: `${upstreamUrl}/api/v1/experiments/exp_checkout/results`,
        headers: [{ name: 'Authorization', value: `Bearer ${GrowthBookKey}` }],
        valuePath: '$.result.results[0].metrics[0].variations[1].analyses[0].mean',
        timePath: '$.result.dateUpdated',
        everyMinutes: 360,
      },
    })
    expect(await poll(boardId, id, 'conversion')).toMatchObject({ recorded: true, error: null })
    const recorded = await measurementsOf(boardId, id, 'conversion')
    expect(recorded.map((m) => [m.value, m.at])).toEqual([[0.051, '2026-03-02T08:30:00.000Z']])
  })

  it('keeps the stored secret when an edit names the header without its value', async () => {
    const { boardId, id } = await runningHypothesis([{ key: 'recall', kind: 'evaluation' }])
    await api(sourcePath(boardId, id, 'recall'), { method: 'PUT', body: mlflowSource() })
    const edited = await api(sourcePath(boardId, id, 'recall'), {
      method: 'PUT',
      body: { ...mlflowSource(), headers: [{ name: 'Authorization' }], everyMinutes: 30 },
    })
    expect(edited.status).toBe(200)
    expect(edited.json.source.everyMinutes).toBe(30)
    expect(await poll(boardId, id, 'recall')).toMatchObject({ recorded: true, error: null })
  })

  it.each([
    ['an error answer', '/broken', '$.value', /answered 500: database is down/],
    ['an answer that is not JSON', '/text', '$.value', /did not answer with JSON/],
    [
      'a path with nothing there',
      '/api/2.0/mlflow/metrics/get-history?metric_key=val_recall',
      '$.metrics[5].value',
      /No value at \$\.metrics\[5\]\.value: \$\.metrics has no element \[5\]/,
    ],
    [
      'a value that is not a number',
      '/api/2.0/mlflow/metrics/get-history?metric_key=val_recall',
      '$.metrics[0].key',
      /is not a number: "val_recall"/,
    ],
  ])('keeps the error of %s and records nothing', async (_, path, valuePath, message) => {
    const { boardId, id } = await runningHypothesis()
    await api(sourcePath(boardId, id, 'conversion'), {
      method: 'PUT',
      body: {
        kind: 'json',
        url: `${upstreamUrl}${path}`,
        headers: [{ name: 'Authorization', value: `Bearer ${MlflowToken}` }],
        valuePath,
        everyMinutes: 5,
      },
    })
    const result = await poll(boardId, id, 'conversion')
    expect(result.recorded).toBe(false)
    expect(result.error).toMatch(message)
    expect(result.source.lastError).toMatch(message)
    expect(result.source.lastPollAt).toBe(new Date(clock).toISOString())
    expect(result.source.nextPollAt).toBe(new Date(clock + 5 * 60_000).toISOString())
    expect(await measurementsOf(boardId, id, 'conversion')).toEqual([])
    const listed = await api(`/api/boards/${boardId}/sources`)
    expect(listed.json.sources[0].lastError).toMatch(message)
  })

  it('stores header values encrypted: the secret is nowhere in the database', async () => {
    const { boardId, id } = await runningHypothesis([{ key: 'recall', kind: 'evaluation' }])
    await api(sourcePath(boardId, id, 'recall'), { method: 'PUT', body: mlflowSource() })
    let stored: string[]
    if (storeUnderTest() === 'postgres') {
      const client = new pg.Client({ connectionString: await postgresDatabaseFor(server.dataDir) })
      await client.connect()
      try {
        const { rows } = await client.query<{ row: string }>(
          'SELECT m::text AS row FROM metric_sources m WHERE board_id = $1',
          [boardId],
        )
        stored = rows.map((r) => r.row)
      } finally {
        await client.end()
      }
    } else {
      const db = new Database(join(server.dataDir, DatabaseFileName), { readonly: true })
      try {
        stored = db
          .prepare<[string], Record<string, unknown>>(
            'SELECT * FROM metric_sources WHERE board_id = ?',
          )
          .all(boardId)
          .map((row) => JSON.stringify(row))
      } finally {
        db.close()
      }
    }
    expect(stored).toHaveLength(1)
    expect(stored[0]).toContain('Authorization')
    expect(stored[0]).toContain('enc:v1:')
    expect(stored[0]).not.toContain(MlflowToken)
  })
})

describe('when the server polls on its schedule', () => {
  it('polls a due source by itself and records its reading', async () => {
    const scheduled = await startTestServer({
      env: { PULLS_ALLOW_PRIVATE_NETWORK: 'true', PULLS_TICK_MS: '100' },
    })
    try {
      const own = apiClient(scheduled.url)
      const boardId = await createBoard(scheduled.url)
      const id = await createHypothesis(own, boardId)
      expect((await setStatus(own, boardId, id, 'running')).status).toBe(200)
      await own(sourcePath(boardId, id, 'latency'), {
        method: 'PUT',
        body: { ...prometheusSource(), query: 'exporter_up' },
      })
      let status = MetricSourceViewSchema.parse(
        (await own(sourcePath(boardId, id, 'latency'))).json,
      )
      while (status.lastPollAt === null) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        status = MetricSourceViewSchema.parse((await own(sourcePath(boardId, id, 'latency'))).json)
      }
      // Right at the start of a minute Prometheus may not have scraped yet: then it says so.
      if (status.lastError === null) {
        expect(status.lastValue).toBe(1)
        const view = HypothesisViewSchema.parse(
          (await own(`/api/boards/${boardId}/hypotheses/${id}`)).json,
        )
        expect(view.measurements.filter((m) => m.metric === 'latency')).toHaveLength(1)
      } else {
        expect(status.lastError).toBe('The query returned no series')
      }
      expect(Date.parse(status.nextPollAt) - Date.parse(status.lastPollAt!)).toBe(60_000)
    } finally {
      await scheduled.cleanup()
    }
  })
})

describe('when the operator does not allow private networks', () => {
  let guarded: TestServer
  beforeAll(async () => {
    guarded = await startTestServer({ now: () => clock })
  })
  afterAll(() => guarded.cleanup())

  it('refuses a source on a loopback or private address with 400', async () => {
    const own = apiClient(guarded.url)
    const boardId = await createBoard(guarded.url)
    const id = await createHypothesis(own, boardId)
    for (const baseUrl of [
      'http://127.0.0.1:9090',
      'http://localhost:9090',
      'http://10.1.2.3',
      'http://[::1]:9090',
      'http://169.254.169.254',
    ]) {
      const res = await own(sourcePath(boardId, id, 'latency'), {
        method: 'PUT',
        body: { ...prometheusSource(), baseUrl },
      })
      expect(res.status, baseUrl).toBe(400)
      expect(res.json.error.message).toMatch(/PULLS_ALLOW_PRIVATE_NETWORK=true/)
    }
    expect((await own(`/api/boards/${boardId}/sources`)).json.sources).toEqual([])
  })
})

describe('when the board is shared by links', () => {
  let shared: TestServer
  beforeAll(async () => {
    shared = await startTestServer({
      now: () => clock,
      env: { OPEN_INSTANCE: 'false', PULLS_ALLOW_PRIVATE_NETWORK: 'true', PULLS_TICK_MS: '600000' },
    })
  })
  afterAll(() => shared.cleanup())

  it('lets editors connect, read and poll sources, and keeps them from viewers and commenters', async () => {
    const own = apiClient(shared.url)
    const board = await createOwnedBoard(shared.url)
    const edit = keyOf(board, 'edit')
    const created = await own(`/api/boards/${board.id}/canvases`, {
      token: edit,
      body: { kind: 'hypothesis', title: 'Checkout', metrics: checkoutMetrics },
    })
    expect(created.status).toBe(201)
    const path = sourcePath(board.id, created.json.id, 'latency')
    const put = await own(path, { method: 'PUT', token: edit, body: prometheusSource() })
    expect(put.status).toBe(200)
    expect(
      (await own(`/api/boards/${board.id}/sources`, { token: edit })).json.sources,
    ).toHaveLength(1)

    for (const role of ['view', 'comment'] as const) {
      const key = keyOf(board, role)
      expect((await own(path, { token: key })).status).toBe(403)
      expect((await own(`/api/boards/${board.id}/sources`, { token: key })).status).toBe(403)
      expect((await own(`${path}/poll`, { method: 'POST', token: key })).status).toBe(403)
      const put = await own(path, { method: 'PUT', token: key, body: prometheusSource() })
      expect(put.status).toBe(403)
      expect((await own(path, { method: 'DELETE', token: key })).status).toBe(403)
    }
    // Without a key the board cannot be found.
    expect((await own(`/api/boards/${board.id}/sources`)).status).toBe(404)
    expect((await own(path, { token: edit })).json.source).toEqual(prometheusSource())
  })
})
