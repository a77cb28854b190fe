import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PortfolioResponseSchema, ProjectViewSchema } from '../../shared/api/projects.js'
import { checkoutMetrics } from '../helpers/api.js'
import { createOwnedBoard, keyOf, type OwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
})
afterAll(() => server.cleanup())

interface Call {
  key?: string
  keys?: string[]
  method?: string
  body?: unknown
}

async function call(path: string, init: Call = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...(init.keys ? { 'x-board-keys': init.keys.join(' ') } : {}),
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

const createProject = (board: OwnedBoard, title = 'Churn model', owner = 'Ada') =>
  createCanvas(board, { kind: 'project', title, fields: { owner, problem: 'Customers leave' } })

const createHypothesis = (board: OwnedBoard, title = 'Emails win back') =>
  createCanvas(board, {
    kind: 'hypothesis',
    title,
    belief: 'a win-back email',
    expectedResult: 'fewer cancellations',
    successSignal: 'conversion reaches 5 %',
    metrics: checkoutMetrics,
  })

const project = (board: OwnedBoard, id: string) => `/api/boards/${board.id}/canvases/${id}`

async function view(board: OwnedBoard, id: string) {
  const res = await call(`${project(board, id)}/project`, { key: board.ownerKey })
  expect(res.status, res.text).toBe(200)
  return ProjectViewSchema.parse(res.json)
}

const move = (board: OwnedBoard, id: string, body: unknown, key = board.ownerKey) =>
  call(`${project(board, id)}/stage`, { key, body })

describe('moving a project between stages', () => {
  it('moves forward and back, recording who, when and why each time', async () => {
    const board = await createOwnedBoard(server.url, 'Retention')
    const id = await createProject(board)
    const first = await move(board, id, { to: 'experimentation', why: 'Problem framed', by: 'Ada' })
    expect(first.status, first.text).toBe(200)
    expect(first.json).toMatchObject({ status: 'active', record: { stage: 'experimentation' } })
    await move(board, id, { to: 'data-collection', why: 'Hypothesis held', by: 'Bo' })
    const back = await move(board, id, { to: 'experimentation', why: 'Labels too noisy' })
    expect(back.status).toBe(200)
    const v = await view(board, id)
    expect(v.record.stage).toBe('experimentation')
    expect(v.record.moves.map((m) => [m.from, m.to, m.by, m.why])).toEqual([
      ['ideation', 'experimentation', 'Ada', 'Problem framed'],
      ['experimentation', 'data-collection', 'Bo', 'Hypothesis held'],
      ['data-collection', 'experimentation', 'API', 'Labels too noisy'],
    ])
    expect(v.record.moves.every((m) => !Number.isNaN(Date.parse(m.at)))).toBe(true)
    expect(v.record.dates['data-collection']?.actualEnd).not.toBeNull()
    expect(v.daysInStage).toBe(0)
  })

  it('refuses a bad move with a clear error and changes nothing', async () => {
    const board = await createOwnedBoard(server.url, 'Refusals')
    const id = await createProject(board)
    const lean = await createCanvas(board, { kind: 'lean' })
    const cases: [unknown, number, RegExp][] = [
      [{ to: 'prototyping' }, 400, /why/],
      [{ to: 'prototyping', why: '   ' }, 400, /say why/],
      [{ to: 'production', why: 'x' }, 400, /to/],
      [{ to: 'ideation', why: 'x' }, 409, /in Ideation already/],
      [{ to: 'prototyping', why: 'x', extra: 1 }, 400, /extra|Unrecognized/i],
    ]
    for (const [body, status, message] of cases) {
      const res = await move(board, id, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.json.error.message).toMatch(message)
    }
    expect((await move(board, lean, { to: 'prototyping', why: 'x' })).status).toBe(404)
    expect((await move(board, 'no-such-canvas', { to: 'prototyping', why: 'x' })).status).toBe(404)
    const viewer = await move(board, id, { to: 'prototyping', why: 'x' }, keyOf(board, 'view'))
    expect(viewer.status).toBe(403)
    const commenter = await move(
      board,
      id,
      { to: 'prototyping', why: 'x' },
      keyOf(board, 'comment'),
    )
    expect(commenter.status).toBe(403)
    const stranger = await move(board, id, { to: 'prototyping', why: 'x' }, 'not-a-key')
    expect(stranger.status).toBe(404)
    expect((await view(board, id)).record).toMatchObject({ stage: 'ideation', moves: [] })
  })

  it('refuses every change while a facilitator locks the project, and changes nothing', async () => {
    const board = await createOwnedBoard(server.url, 'Locked')
    const id = await createProject(board)
    const lock = async (locked: boolean) => {
      const res = await fetch(`${server.url}/api/boards/${board.id}/workshop`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${board.ownerKey}`,
          'x-participant': 'facilitator'.padEnd(40, 'x'),
        },
        body: JSON.stringify({ type: 'lock', scope: { kind: 'canvas', canvasId: id }, locked }),
      })
      expect(res.status, await res.text()).toBe(200)
    }
    await lock(true)
    const changes: [string, string, unknown][] = [
      ['POST', 'stage', { to: 'prototyping', why: 'Go' }],
      ['POST', 'end', { outcome: 'stopped', why: 'No' }],
      ['PUT', 'gates/ideation/needs-ml', { answer: 'yes' }],
    ]
    for (const [method, path, body] of changes) {
      const res = await call(`${project(board, id)}/${path}`, { key: board.ownerKey, method, body })
      expect(res.status, path).toBe(423)
      expect(res.json.error.code).toBe('locked')
    }
    expect((await view(board, id)).record).toMatchObject({
      stage: 'ideation',
      end: null,
      gates: {},
    })
    await lock(false)
    expect((await move(board, id, { to: 'prototyping', why: 'Go' })).status).toBe(200)
  })

  it('lets an edit link move a project', async () => {
    const board = await createOwnedBoard(server.url, 'Edit link')
    const id = await createProject(board)
    const res = await move(board, id, { to: 'prototyping', why: 'Go' }, keyOf(board, 'edit'))
    expect(res.status).toBe(200)
  })
})

describe('ending a project', () => {
  it('ends once, as succeeded or stopped, in the stage it is in', async () => {
    const board = await createOwnedBoard(server.url, 'Ends')
    const id = await createProject(board)
    await move(board, id, { to: 'data-collection', why: 'Framed' })
    const end = (body: unknown) => call(`${project(board, id)}/end`, { key: board.ownerKey, body })
    expect((await end({ outcome: 'abandoned', why: 'x' })).status).toBe(400)
    expect((await end({ outcome: 'stopped' })).status).toBe(400)
    const stopped = await end({ outcome: 'stopped', why: 'The data does not exist', by: 'Bo' })
    expect(stopped.status, stopped.text).toBe(200)
    expect(stopped.json).toMatchObject({
      status: 'stopped',
      record: { end: { outcome: 'stopped', stage: 'data-collection', by: 'Bo' } },
    })
    const again = await end({ outcome: 'succeeded', why: 'Changed our minds' })
    expect(again.status).toBe(409)
    expect(again.json.error.message).toMatch(/stopped already/)
    const moved = await move(board, id, { to: 'prototyping', why: 'Try anyway' })
    expect(moved.status).toBe(409)
    expect((await view(board, id)).record.stage).toBe('data-collection')
  })
})

describe('gate questions', () => {
  it('answers yes, no or not yet with a note, and counts what is still open', async () => {
    const board = await createOwnedBoard(server.url, 'Gates')
    const id = await createProject(board)
    const gate = (path: string, body: unknown) =>
      call(`${project(board, id)}/gates/${path}`, { key: board.ownerKey, method: 'PUT', body })
    expect((await view(board, id)).openGates).toMatchObject({ ideation: 4, experimentation: 0 })
    const yes = await gate('ideation/needs-ml', { answer: 'yes', note: 'Rules fail', by: 'Ada' })
    expect(yes.status, yes.text).toBe(200)
    await gate('ideation/problem-concrete', { answer: 'no' })
    await gate('ideation/cost-of-mistake', { answer: 'not-yet', note: 'Ask finance' })
    const v = await view(board, id)
    expect(v.openGates.ideation).toBe(2)
    expect(v.record.gates['ideation/needs-ml']).toMatchObject({ answer: 'yes', note: 'Rules fail' })

    expect((await gate('prototyping/needs-ml', { answer: 'yes' })).status).toBe(404)
    expect((await gate('production/needs-ml', { answer: 'yes' })).status).toBe(400)
    expect((await gate('ideation/needs-ml', { answer: 'maybe' })).status).toBe(400)
    const long = await gate('ideation/needs-ml', { answer: 'no', note: 'x'.repeat(2001) })
    expect(long.status).toBe(400)
    expect((await view(board, id)).record.gates['ideation/needs-ml']?.answer).toBe('yes')
  })
})

describe('linking hypotheses', () => {
  it('links hypotheses on its board and, with that board’s key, on others', async () => {
    const board = await createOwnedBoard(server.url, 'Links')
    const other = await createOwnedBoard(server.url, 'Elsewhere')
    const id = await createProject(board)
    const here = await createHypothesis(board)
    const there = await createHypothesis(other, 'Discount works')
    const link = (body: unknown, keys?: string[]) =>
      call(`${project(board, id)}/hypotheses`, { key: board.ownerKey, body, keys })

    expect((await link({ hypothesisId: here })).status).toBe(200)
    expect((await link({ hypothesisId: here })).status).toBe(200)
    expect((await link({ hypothesisId: 'no-such-hyp' })).status).toBe(404)
    const lean = await createCanvas(board, { kind: 'lean' })
    expect((await link({ hypothesisId: lean })).status).toBe(404)
    // Another board's hypothesis is found only with that board's key.
    expect((await link({ boardId: other.id, hypothesisId: there })).status).toBe(404)
    await expect
      .poll(
        async () =>
          (await link({ boardId: other.id, hypothesisId: there }, [keyOf(other, 'view')])).status,
      )
      .toBe(200)
    const v = await view(board, id)
    expect(v.record.links).toHaveLength(2)
    expect(v.record.links).toContainEqual({ boardId: board.id, hypothesisId: here })

    const unlink = await call(`${project(board, id)}/hypotheses/${other.id}/${there}`, {
      key: board.ownerKey,
      method: 'DELETE',
    })
    expect(unlink.status).toBe(200)
    expect(unlink.json.record.links).toEqual([{ boardId: board.id, hypothesisId: here }])
  })
})

describe('a project in markdown', () => {
  it('exports and imports into another board with its whole record', async () => {
    const board = await createOwnedBoard(server.url, 'Source')
    const target = await createOwnedBoard(server.url, 'Target')
    const id = await createProject(board)
    await move(board, id, { to: 'data-collection', why: 'Framed | with a pipe', by: 'Ada' })
    await call(`${project(board, id)}/gates/data-collection/data-exists`, {
      key: board.ownerKey,
      method: 'PUT',
      body: { answer: 'not-yet', note: 'Asking the warehouse team' },
    })
    await call(`${project(board, id)}/end`, {
      key: board.ownerKey,
      body: { outcome: 'stopped', why: 'No labels' },
    })
    const md = await call(`${project(board, id)}/export.md`, { key: board.ownerKey })
    expect(md.status).toBe(200)
    expect(md.text).toContain('**Stopped** in Data collection')
    const imported = await fetch(`${server.url}/api/boards/${target.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.ownerKey}`, 'content-type': 'text/markdown' },
      body: md.text,
    })
    expect(imported.status).toBe(201)
    const [copy] = ((await imported.json()) as { ids: string[] }).ids
    const before = await view(board, id)
    const after = await view(target, copy!)
    expect(after.record).toEqual(before.record)
    expect(after.status).toBe('stopped')
    const again = await call(`${project(target, copy!)}/export.md`, { key: target.ownerKey })
    expect(again.text).toBe(md.text)
  })
})

describe('the portfolio', () => {
  it('lists the projects of the boards whose keys are sent, filtered, with the funnel', async () => {
    const a = await createOwnedBoard(server.url, 'Board A')
    const b = await createOwnedBoard(server.url, 'Board B')
    const hidden = await createOwnedBoard(server.url, 'Not mine')
    const churn = await createProject(a, 'Churn model', 'Ada')
    const pricing = await createProject(a, 'Pricing model', 'Bo')
    const search = await createProject(b, 'Search ranking', 'Cy')
    await createProject(hidden, 'Secret project')
    const hyp = await createHypothesis(b)
    await move(a, churn, { to: 'prototyping', why: 'Data found' })
    await move(b, search, { to: 'data-collection', why: 'Framed' })
    await call(`${project(b, search)}/end`, {
      key: b.ownerKey,
      body: { outcome: 'stopped', why: 'No data' },
    })
    await call(`${project(a, pricing)}/end`, {
      key: a.ownerKey,
      body: { outcome: 'succeeded', why: 'Shipped' },
    })
    // The hypothesis reaches the tracker index shortly after it is created.
    await expect
      .poll(
        async () =>
          (
            await call(`${project(a, churn)}/hypotheses`, {
              key: a.ownerKey,
              body: { boardId: b.id, hypothesisId: hyp },
              keys: [keyOf(b, 'view')],
            })
          ).status,
      )
      .toBe(200)

    const keys = [keyOf(a, 'view'), keyOf(b, 'edit')]
    const portfolio = async (query = '', k = keys) => {
      const res = await call(`/api/portfolio${query}`, { keys: k })
      expect(res.status, res.text).toBe(200)
      return PortfolioResponseSchema.parse(res.json)
    }
    await expect
      .poll(async () => (await portfolio()).projects.map((p) => [p.title, p.stage, p.status]))
      .toEqual(
        expect.arrayContaining([
          ['Churn model', 'prototyping', 'active'],
          ['Pricing model', 'ideation', 'succeeded'],
          ['Search ranking', 'data-collection', 'stopped'],
        ]),
      )
    const all = await portfolio()
    expect(all.projects).toHaveLength(3)
    expect(all.everything).toBe(3)
    expect(all.projects.map((p) => p.title)).not.toContain('Secret project')
    const row = all.projects.find((p) => p.title === 'Churn model')!
    expect(row).toMatchObject({
      boardId: a.id,
      boardTitle: 'Board A',
      projectId: churn,
      owner: 'Ada',
      daysInStage: 0,
      openGates: 2,
      lastCheckIn: null,
      endWhy: null,
    })
    expect(all.funnel).toContainEqual({ stage: 'data-collection', succeeded: 0, stopped: 1 })
    expect(all.funnel).toContainEqual({ stage: 'ideation', succeeded: 1, stopped: 0 })

    {
      await expect
        .poll(
          async () =>
            (await portfolio()).projects.find((p) => p.title === 'Churn model')?.hypotheses,
        )
        .toMatchObject({ total: 1, byVerdict: { pending: 1 } })
      // Without the key of the hypothesis's board, it is not counted.
      const onlyA = await portfolio('', [keyOf(a, 'view')])
      expect(onlyA.projects.find((p) => p.title === 'Churn model')?.hypotheses.total).toBe(0)
    }

    const byStage = await portfolio('?stage=prototyping,data-collection')
    expect(byStage.projects.map((p) => p.title).sort()).toEqual(['Churn model', 'Search ranking'])
    expect(byStage.funnel).toEqual(all.funnel)
    const stopped = await portfolio('?status=stopped')
    expect(stopped.projects.map((p) => p.title)).toEqual(['Search ranking'])
    expect(stopped.projects[0]!.endWhy).toBe('No data')
    expect((await portfolio('?stage=monitoring&status=active')).projects).toEqual([])
    expect((await portfolio('', [])).projects).toEqual([])

    const bad = await call('/api/portfolio?stage=production', { keys })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('invalid_query')
    expect((await call('/api/portfolio?owner=Ada', { keys })).status).toBe(400)

    const md = await call('/api/portfolio.md?status=stopped', { keys })
    expect(md.status).toBe(200)
    expect(md.type).toMatch(/text\/markdown/)
    expect(md.text).toContain('| Search ranking | Board B | Cy | Data collection | stopped |')
    expect(md.text).toContain('No check-in yet')
    expect(md.text).toContain('| Data collection | 0 | 1 |')
    expect(md.text).not.toContain('Churn model')
    expect((await call('/api/portfolio.md?status=gone', { keys })).status).toBe(400)
  })

  it('leaves a deleted board’s projects out', async () => {
    const board = await createOwnedBoard(server.url, 'Soon gone')
    await createProject(board, 'Doomed')
    const keys = [keyOf(board, 'view')]
    await expect
      .poll(async () => (await call('/api/portfolio', { keys })).json.projects.length)
      .toBe(1)
    expect(
      (await call(`/api/boards/${board.id}`, { key: board.ownerKey, method: 'DELETE' })).status,
    ).toBe(200)
    expect((await call('/api/portfolio', { keys })).json.projects).toEqual([])
  })
})
