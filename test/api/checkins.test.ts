import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CheckinCreatedSchema, CheckinsViewSchema } from '../../shared/api/checkins.js'
import { checkoutMetrics } from '../helpers/api.js'
import { createOwnedBoard, keyOf, type OwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const DAY_MS = 24 * 60 * 60 * 1000
let server: TestServer
// The server's clock, moved by tests that need days to pass.
let clock = Date.parse('2026-11-30T10:00:00.000Z')

beforeAll(async () => {
  server = await startTestServer({ env: { OPEN_INSTANCE: 'false' }, now: () => clock })
})
afterAll(() => server.cleanup())

async function call(
  path: string,
  init: { key: string; method?: string; body?: unknown; token?: string },
) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      authorization: `Bearer ${init.token ?? init.key}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') }
}

async function createCanvas(board: OwnedBoard, body: Record<string, unknown>) {
  const res = await call(`/api/boards/${board.id}/canvases`, { key: board.ownerKey, body })
  expect(res.status, res.text).toBe(201)
  return res.json.id as string
}

const canvas = (board: OwnedBoard, id: string) => `/api/boards/${board.id}/canvases/${id}`

async function hypothesis(board: OwnedBoard, running = true) {
  const id = await createCanvas(board, {
    kind: 'hypothesis',
    title: 'Cheaper plan lifts conversion',
    belief: 'a cheaper plan',
    expectedResult: 'more sign-ups',
    successSignal: 'conversion reaches 5 %',
    metrics: checkoutMetrics,
  })
  if (running) {
    const res = await call(canvas(board, id), {
      key: board.ownerKey,
      method: 'PATCH',
      body: { status: 'running' },
    })
    expect(res.status, res.text).toBe(200)
  }
  return id
}

const project = (board: OwnedBoard) =>
  createCanvas(board, { kind: 'project', title: 'Churn model', fields: { owner: 'Ada' } })

const checkIn = (board: OwnedBoard, id: string, body: unknown, key = board.ownerKey) =>
  call(`${canvas(board, id)}/checkins`, { key, body })

const good = {
  happened: 'Launched the plan to 10 % of visitors',
  likelihood: { level: 'medium' },
  momentum: 'moving',
  next: 'Widen to 50 %',
  by: 'Ada',
}

async function postMeasurement(board: OwnedBoard, id: string, value: number) {
  const token = await call(`/api/boards/${board.id}/tokens`, {
    key: board.ownerKey,
    body: { name: 'nightly' },
  })
  expect(token.status, token.text).toBe(201)
  const res = await call(`/api/boards/${board.id}/hypotheses/${id}/measurements`, {
    key: board.ownerKey,
    token: token.json.token,
    body: { measurements: [{ metric: 'conversion', value, at: new Date(clock).toISOString() }] },
  })
  expect(res.status, res.text).toBe(200)
}

describe('a check-in on a running hypothesis', () => {
  it('is recorded with what was measured since, and the next one is due a week later', async () => {
    const board = await createOwnedBoard(server.url, 'Pricing')
    const id = await hypothesis(board)
    await postMeasurement(board, id, 4.4)
    const res = await checkIn(board, id, good)
    expect(res.status, res.text).toBe(201)
    const created = CheckinCreatedSchema.parse(res.json)
    expect(created.checkin).toMatchObject({
      by: 'Ada',
      likelihood: { level: 'medium' },
      momentum: 'moving',
      since: ['Checkout conversion: 1 measurement, latest 4.4 % on 2026-11-30'],
    })
    expect(created.standing).toEqual({
      dueAt: new Date(clock + 7 * DAY_MS).toISOString(),
      state: 'upcoming',
    })
    expect(created.since).toEqual([])
    const read = await call(`${canvas(board, id)}/checkins`, { key: keyOf(board, 'view') })
    expect(read.status).toBe(200)
    expect(CheckinsViewSchema.parse(read.json).checkins).toHaveLength(1)
  })

  it('falls due on its day and stands out as overdue after it, on the cadence set', async () => {
    const board = await createOwnedBoard(server.url, 'Cadence')
    const id = await hypothesis(board)
    const started = clock
    const cadence = await call(`${canvas(board, id)}/checkin-cadence`, {
      key: board.ownerKey,
      method: 'PUT',
      body: { days: 3 },
    })
    expect(cadence.status, cadence.text).toBe(200)
    expect(cadence.json.cadenceDays).toBe(3)
    try {
      clock = started + 3 * DAY_MS
      const due = await call(`${canvas(board, id)}/checkins`, { key: board.ownerKey })
      expect(due.json.standing.state).toBe('due')
      clock = started + 5 * DAY_MS
      const late = await call(`${canvas(board, id)}/checkins`, { key: board.ownerKey })
      expect(late.json.standing.state).toBe('overdue')
    } finally {
      clock = started
    }
  })

  it('refuses bad input with a clear message and records nothing', async () => {
    const board = await createOwnedBoard(server.url)
    const id = await hypothesis(board)
    for (const body of [
      { ...good, likelihood: { percent: 120 } },
      { ...good, likelihood: 'high' },
      { ...good, momentum: 'sideways' },
      { ...good, extra: true },
      { ...good, happened: 'x'.repeat(5000) },
    ]) {
      const res = await checkIn(board, id, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(res.json.error.message).toBeTruthy()
    }
    for (const days of [0, 91, 2.5]) {
      const res = await call(`${canvas(board, id)}/checkin-cadence`, {
        key: board.ownerKey,
        method: 'PUT',
        body: { days },
      })
      expect(res.status).toBe(400)
    }
    const read = await call(`${canvas(board, id)}/checkins`, { key: board.ownerKey })
    expect(read.json).toMatchObject({ checkins: [], cadenceDays: 7 })
  })

  it('is refused on a hypothesis that is not running (409), and for view links (403)', async () => {
    const board = await createOwnedBoard(server.url)
    const draft = await hypothesis(board, false)
    const refused = await checkIn(board, draft, good)
    expect(refused.status).toBe(409)
    expect(refused.json.error.message).toContain('draft')
    const running = await hypothesis(board)
    expect((await checkIn(board, running, good, keyOf(board, 'view'))).status).toBe(403)
    expect((await checkIn(board, running, good, keyOf(board, 'comment'))).status).toBe(403)
  })

  it('is refused while a facilitator locks the canvas (423)', async () => {
    const board = await createOwnedBoard(server.url)
    const id = await hypothesis(board)
    const res = await fetch(`${server.url}/api/boards/${board.id}/workshop`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': 'facilitator'.padEnd(40, 'x'),
      },
      body: JSON.stringify({ type: 'lock', scope: { kind: 'canvas', canvasId: id }, locked: true }),
    })
    expect(res.status, await res.text()).toBe(200)
    expect((await checkIn(board, id, good)).status).toBe(423)
    const cadence = await call(`${canvas(board, id)}/checkin-cadence`, {
      key: board.ownerKey,
      method: 'PUT',
      body: { days: 14 },
    })
    expect(cadence.status).toBe(423)
  })

  it('is 404 for a canvas of another kind or none', async () => {
    const board = await createOwnedBoard(server.url)
    const lean = await createCanvas(board, { kind: 'lean', title: 'Lean' })
    expect((await checkIn(board, lean, good)).status).toBe(404)
    expect((await checkIn(board, 'nonexistent1', good)).status).toBe(404)
    expect((await call(`${canvas(board, lean)}/update.md`, { key: board.ownerKey })).status).toBe(
      404,
    )
  })
})

describe('a check-in on a project', () => {
  it('lists the moves since the last one, and is refused once the project ended', async () => {
    const board = await createOwnedBoard(server.url, 'Churn')
    const id = await project(board)
    const moved = await call(`${canvas(board, id)}/stage`, {
      key: board.ownerKey,
      body: { to: 'experimentation', why: 'Problem framed' },
    })
    expect(moved.status, moved.text).toBe(200)
    const first = await checkIn(board, id, { ...good, likelihood: { percent: 70 } })
    expect(first.status, first.text).toBe(201)
    expect(first.json.checkin.since).toEqual([
      'Moved from Ideation to Experimentation on 2026-11-30: Problem framed',
    ])
    const second = await checkIn(board, id, { ...good, momentum: 'stuck' })
    expect(second.json.checkin.since).toEqual([])
    const ended = await call(`${canvas(board, id)}/end`, {
      key: board.ownerKey,
      body: { outcome: 'stopped', why: 'No signal' },
    })
    expect(ended.status).toBe(200)
    const refused = await checkIn(board, id, good)
    expect(refused.status).toBe(409)
    expect(refused.json.error.message).toContain('ended')
    const read = await call(`${canvas(board, id)}/checkins`, { key: board.ownerKey })
    expect(read.json.checkins).toHaveLength(2)
    expect(read.json.standing).toBeNull()
  })
})

describe('the stakeholder update', () => {
  it('is markdown with the metrics, what happened since and the last check-in', async () => {
    const board = await createOwnedBoard(server.url, 'Pricing')
    const id = await hypothesis(board)
    await checkIn(board, id, good)
    await postMeasurement(board, id, 4.6)
    const res = await call(`${canvas(board, id)}/update.md`, { key: keyOf(board, 'view') })
    expect(res.status).toBe(200)
    expect(res.type).toContain('text/markdown')
    expect(res.text).toContain('# Cheaper plan lifts conversion: update of 2026-11-30')
    expect(res.text).toContain('| Checkout conversion | 4 % | 5 % | 4\\.6 % | 2026-11-30 |')
    expect(res.text).toContain('likelihood of success medium, moving')
    expect(res.text).toContain('Experiments planned then: Widen to 50 %')
  })

  it('of a project lists its linked hypotheses’ metrics and its open gates', async () => {
    const board = await createOwnedBoard(server.url, 'Churn')
    const id = await project(board)
    const h = await hypothesis(board)
    const linked = await call(`${canvas(board, id)}/hypotheses`, {
      key: board.ownerKey,
      body: { hypothesisId: h },
    })
    expect(linked.status, linked.text).toBe(200)
    const res = await call(`${canvas(board, id)}/update.md`, { key: board.ownerKey })
    expect(res.status).toBe(200)
    expect(res.text).toContain('### Cheaper plan lifts conversion (pending)')
    expect(res.text).toContain('Open gate question of Ideation')
  })
})

describe('the portfolio', () => {
  it('shows a project’s last check-in', async () => {
    const board = await createOwnedBoard(server.url, 'Portfolio check-ins')
    const id = await project(board)
    const res = await checkIn(board, id, {
      ...good,
      likelihood: { percent: 40 },
      momentum: 'stuck',
    })
    expect(res.status, res.text).toBe(201)
    const row = async () => {
      const answer = await fetch(`${server.url}/api/portfolio`, {
        headers: { 'x-board-keys': board.ownerKey },
      })
      const body = (await answer.json()) as {
        projects: { projectId: string; lastCheckIn: unknown }[]
      }
      return body.projects.find((p) => p.projectId === id)?.lastCheckIn
    }
    await expect
      .poll(row, { timeout: 10_000 })
      .toEqual({ at: new Date(clock).toISOString(), likelihood: { percent: 40 }, moving: 'stuck' })
    const md = await fetch(`${server.url}/api/portfolio.md`, {
      headers: { 'x-board-keys': board.ownerKey },
    })
    expect(await md.text()).toContain('2026-11-30, 40 %, stuck')
  })
})

describe('the tracker', () => {
  it('shows when a running hypothesis is due its check-in, and when it is overdue', async () => {
    const board = await createOwnedBoard(server.url, 'Tracker check-ins')
    const id = await hypothesis(board)
    const started = clock
    const row = async () => {
      const answer = await fetch(`${server.url}/api/hypotheses`, {
        headers: { 'x-board-keys': board.ownerKey },
      })
      const body = (await answer.json()) as {
        hypotheses: { hypothesisId: string; checkin: unknown }[]
      }
      return body.hypotheses.find((h) => h.hypothesisId === id)?.checkin
    }
    await expect
      .poll(row, { timeout: 10_000 })
      .toEqual({ dueAt: new Date(started + 7 * DAY_MS).toISOString(), state: 'upcoming' })
    try {
      clock = started + 9 * DAY_MS
      expect(await row()).toMatchObject({ state: 'overdue' })
      const res = await checkIn(board, id, good)
      expect(res.status, res.text).toBe(201)
      await expect
        .poll(row, { timeout: 10_000 })
        .toEqual({ dueAt: new Date(clock + 7 * DAY_MS).toISOString(), state: 'upcoming' })
    } finally {
      clock = started
    }
  })
})

describe('a check-in on one hypothesis', () => {
  it('leaves the last change of the others on its board as it was', async () => {
    const board = await createOwnedBoard(server.url, 'Last change')
    const quiet = await hypothesis(board)
    const busy = await hypothesis(board)
    const updated = async () => {
      const answer = await fetch(`${server.url}/api/hypotheses`, {
        headers: { 'x-board-keys': board.ownerKey },
      })
      const body = (await answer.json()) as {
        hypotheses: { hypothesisId: string; updatedAt: string }[]
      }
      return Object.fromEntries(body.hypotheses.map((h) => [h.hypothesisId, h.updatedAt]))
    }
    await expect.poll(async () => Object.keys(await updated()).length).toBe(2)
    const before = await updated()
    const started = clock
    try {
      clock = started + 60_000
      expect((await checkIn(board, busy, good)).status).toBe(201)
      await expect
        .poll(async () => (await updated())[busy], { timeout: 10_000 })
        .toBe(new Date(clock).toISOString())
      expect((await updated())[quiet]).toBe(before[quiet])
    } finally {
      clock = started
    }
  })
})
