import { afterEach, describe, expect, it } from 'vitest'
import { getBoardCanvases, getCanvasFieldText } from '../../shared/doc/canvasDoc.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import {
  TrackerResponseSchema,
  trackerSearch,
  type TrackerRow,
} from '../../shared/api/hypotheses.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api.js'
import { connectClient, createBoard, createOwnedBoard } from '../helpers/clients.js'
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server.js'

const DAY_MS = 24 * 60 * 60 * 1000
const started: TestServer[] = []
afterEach(async () => {
  for (const s of started.splice(0)) await s.cleanup()
})

async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options)
  started.push(server)
  return { server, api: apiClient(server.url) }
}

const tracker = async (api: Api, query = '') => {
  const res = await api(`/api/hypotheses${query}`)
  expect(res.status).toBe(200)
  return TrackerResponseSchema.parse(res.json)
}
const ids = (rows: TrackerRow[]) => rows.map((r) => r.hypothesisId)

describe('the tracker', () => {
  it('lists every hypothesis of every board with its sentence, status, verdict and metric', async () => {
    const { server, api } = await start()
    const ownedA = await createOwnedBoard(server.url, 'Checkout')
    const boardA = ownedA.id
    const boardB = await createBoard(server.url, 'Onboarding')
    const a = await createHypothesis(api, boardA)
    const b = await createHypothesis(api, boardB, { title: 'Shorter sign-up' })
    await api(`/api/boards/${boardB}/canvases`, { body: { kind: 'lean' } })
    await setStatus(api, boardA, a, 'running')
    const { token } = await createToken(api, ownedA)
    await postMeasurements(api, boardA, a, token, {
      measurements: [{ metric: 'conversion', value: 5.3, at: '2026-11-03T00:00:00Z' }],
    })

    // Each board is indexed on its own, shortly after it changes: wait for both.
    await expect
      .poll(async () => {
        const rows = (await tracker(api)).hypotheses
        return [rows.length, rows.find((r) => r.hypothesisId === a)?.verdict]
      })
      .toEqual([2, 'supported'])
    const rows = (await tracker(api)).hypotheses
    const rowA = rows.find((r) => r.hypothesisId === a)!
    expect(rowA).toMatchObject({
      boardId: boardA,
      boardTitle: 'Checkout',
      title: 'One-page checkout',
      status: 'running',
      daysLeft: 7,
      overdue: false,
      decision: null,
      primaryMetric: {
        key: 'conversion',
        baseline: 4,
        target: 5,
        latest: 5.3,
        latestAt: '2026-11-03T00:00:00.000Z',
      },
    })
    expect(rowA.sentence).toBe(
      "We believe that a one-page checkout will result in more completed orders. We will know we've succeeded when conversion reaches 5 %.",
    )
    expect(rows.find((r) => r.hypothesisId === b)).toMatchObject({
      status: 'draft',
      verdict: 'pending',
      timeboxEnd: null,
      daysLeft: null,
    })
  })

  it('filters by status, verdict, board and overdue, and sorts by due date or last change', async () => {
    let clock = Date.parse('2026-11-02T09:00:00.000Z')
    const { server, api } = await start({ now: () => clock })
    const board = await createBoard(server.url, 'One')
    const other = await createBoard(server.url, 'Two')
    const draft = await createHypothesis(api, board, { title: 'draft' })
    const longRun = await createHypothesis(api, board, { title: 'long' })
    await api(`/api/boards/${board}/canvases/${longRun}`, {
      method: 'PATCH',
      body: { status: 'running', timeboxDays: 30 },
    })
    // The index stamps a change when it indexes it: let it catch up before the clock moves.
    await expect.poll(async () => (await tracker(api, '?status=running')).hypotheses.length).toBe(1)
    clock += 1000
    const shortRun = await createHypothesis(api, other, { title: 'short' })
    await setStatus(api, other, shortRun, 'running')

    await expect.poll(async () => (await tracker(api)).total).toBe(3)
    await expect.poll(async () => (await tracker(api, '?status=running')).total).toBe(2)
    expect(ids((await tracker(api, '?status=running&sort=due')).hypotheses)).toEqual([
      shortRun,
      longRun,
    ])
    expect(ids((await tracker(api, `?board=${board}`)).hypotheses).sort()).toEqual(
      [draft, longRun].sort(),
    )
    expect(ids((await tracker(api, '?status=draft,running&limit=1&sort=due')).hypotheses)).toEqual([
      shortRun,
    ])
    expect((await tracker(api, '?status=draft,running&limit=1')).total).toBe(3)
    // The last change first: the short one started last.
    expect(ids((await tracker(api, '?status=running&sort=updated')).hypotheses)[0]).toBe(shortRun)

    clock += 8 * DAY_MS
    const overdue = await tracker(api, '?overdue=true')
    expect(ids(overdue.hypotheses)).toEqual([shortRun])
    expect(overdue.hypotheses[0]).toMatchObject({ overdue: true, daysLeft: -1 })
    expect(ids((await tracker(api, '?verdict=inconclusive')).hypotheses)).toEqual([shortRun])
    expect(ids((await tracker(api, '?overdue=false')).hypotheses).sort()).toEqual(
      [draft, longRun].sort(),
    )
  })

  it('reads the query the shared helper builds', async () => {
    const { server, api } = await start()
    const board = await createBoard(server.url)
    const id = await createHypothesis(api, board)
    await setStatus(api, board, id, 'running')
    await expect.poll(async () => (await tracker(api, '?status=running')).total).toBe(1)
    const query = trackerSearch({
      status: ['running', 'evaluated'],
      verdict: ['pending'],
      board: [board],
      overdue: false,
      sort: 'due',
      limit: 10,
    })
    expect(ids((await tracker(api, query)).hypotheses)).toEqual([id])
    expect(trackerSearch({})).toBe('')
  })

  it.each([
    ['an unknown status', '?status=sleeping'],
    ['an unknown verdict', '?verdict=maybe'],
    ['an unknown sort', '?sort=title'],
    ['a board id that is not one', '?board=nope'],
    ['an unknown parameter', '?colour=red'],
  ])('refuses %s with a 400', async (_n, query) => {
    const { api } = await start()
    const res = await api(`/api/hypotheses${query}`)
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('invalid_query')
  })

  describe('the index behind it', () => {
    it('follows edits, a deleted canvas and a deleted and restored board', async () => {
      const { server, api } = await start()
      const owned = await createOwnedBoard(server.url)
      const board = owned.id
      const keep = await createHypothesis(api, board, { title: 'keep' })
      const drop = await createHypothesis(api, board, { title: 'drop' })
      await expect.poll(async () => (await tracker(api)).total).toBe(2)

      await api(`/api/boards/${board}/canvases/${keep}`, {
        method: 'PATCH',
        body: { title: 'kept and renamed' },
      })
      await expect
        .poll(
          async () => (await tracker(api)).hypotheses.find((r) => r.hypothesisId === keep)?.title,
        )
        .toBe('kept and renamed')

      await api(`/api/boards/${board}/canvases/${drop}`, { method: 'DELETE' })
      await expect.poll(async () => ids((await tracker(api)).hypotheses)).toEqual([keep])

      const deleted = await api(`/api/boards/${board}`, {
        method: 'DELETE',
        token: owned.ownerKey,
      })
      expect(deleted.status).toBe(200)
      expect((await tracker(api)).hypotheses).toEqual([])
      const restored = await api(`/api/boards/${board}/restore`, {
        method: 'POST',
        token: owned.ownerKey,
      })
      expect(restored.status).toBe(200)
      expect(ids((await tracker(api)).hypotheses)).toEqual([keep])
    })

    it('follows what people type on the board', async () => {
      const { server, api } = await start()
      const board = await createBoard(server.url)
      const id = await createHypothesis(api, board)
      const client = connectClient(server.wsUrl, board)
      await client.synced
      const belief = getCanvasFieldText(getBoardCanvases(client.doc).get(id)!, 'belief')
      belief.delete(0, belief.length)
      belief.insert(0, 'guest checkout')
      await expect
        .poll(async () => (await tracker(api)).hypotheses[0]?.sentence)
        .toMatch(/^We believe that guest checkout will result in/)
      client.destroy()
    })

    it('is right after a restart on the same data, without loading any board', async () => {
      const dataDir = makeDataDir()
      const first = await start({ dataDir })
      const board = await createBoard(first.server.url, 'Persisted')
      const id = await createHypothesis(first.api, board)
      await setStatus(first.api, board, id, 'running')
      // Stopping unloads the room, which writes the index one last time.
      await first.server.server.close()

      const second = await start({ dataDir })
      const rows = (await tracker(second.api)).hypotheses
      expect(rows).toMatchObject([{ hypothesisId: id, status: 'running', boardTitle: 'Persisted' }])
      expect(second.server.server.context.rooms.size).toBe(0)
    })

    it('repairs itself when a board loads, after a crash left it behind', async () => {
      const { server, api } = await start()
      const board = await createBoard(server.url)
      const id = await createHypothesis(api, board)
      await expect.poll(async () => (await tracker(api)).total).toBe(1)
      // What a crash between an edit and the index write leaves: an index that lags the board.
      await server.server.context.rooms.closeBoard(board, CloseCodes.ServerShuttingDown)
      // The unload's own pass writes the index too; with a store across the network, later.
      await server.server.context.indexer.settled()
      await server.server.context.persistence.replaceBoardHypotheses(board, [])
      expect((await tracker(api)).total).toBe(0)
      await api(`/api/boards/${board}/canvases`)
      await expect.poll(async () => ids((await tracker(api)).hypotheses)).toEqual([id])
    })
  })
})
