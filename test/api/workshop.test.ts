import { afterEach, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.cleanup()
})

/** A participant secret as a browser keeps it, one per person. */
const secret = (who: string) => `${who}-`.padEnd(40, 'x')

async function workshopBoard(dataDir?: string) {
  const s = await startTestServer({ dataDir, env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const api = apiClient(s.url)
  const created = await api('/api/boards', { body: { title: 'Discovery workshop' } })
  const board = created.json as {
    id: string
    ownerKey: string
    links: { role: string; key: string }[]
  }
  const key = (role: string) =>
    role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key
  const call = async (
    role: string,
    who: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const res = await fetch(`${s.url}/api/boards/${board.id}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${key(role)}`,
        'x-participant': secret(who),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined }
  }
  return { s, api, board, key, call }
}

describe('a scripted workshop', () => {
  it('lets only the facilitator steer, counts votes once per person, ranks them and writes the summary', async () => {
    const { board, call, api } = await workshopBoard()
    const canvas = await call('edit', 'e', '/canvases', {
      body: {
        kind: 'lean',
        title: 'Churn',
        boxes: { problem: ['Users forget', 'Too pricey', 'Slow support'] },
      },
    })
    expect(canvas.status).toBe(201)
    const [forget, pricey] = canvas.json.boxes.problem as { id: string }[]

    // An editor is not the facilitator until the owner hands it over.
    expect((await call('edit', 'e', '/workshop', { body: { type: 'summon' } })).status).toBe(403)
    // Without a key the board cannot even be found.
    expect((await api(`/api/boards/${board.id}/workshop`)).status).toBe(404)

    const start = await call('owner', 'o', '/workshop', {
      body: {
        type: 'startVoting',
        voting: {
          scope: { kind: 'canvas', canvasId: canvas.json.id },
          votesPerPerson: 2,
          onePerItem: true,
        },
      },
    })
    expect(start.status).toBe(200)

    // Commenters vote; a viewer cannot; a retried vote counts once; one per item holds.
    expect(
      (await call('comment', 'c1', '/votes', { body: { voteId: 'vote-c1-1', itemId: forget!.id } }))
        .json.remaining,
    ).toBe(1)
    expect(
      (await call('comment', 'c1', '/votes', { body: { voteId: 'vote-c1-1', itemId: forget!.id } }))
        .json.remaining,
    ).toBe(1)
    expect(
      (await call('comment', 'c1', '/votes', { body: { voteId: 'vote-c1-2', itemId: forget!.id } }))
        .status,
    ).toBe(409)
    await call('comment', 'c2', '/votes', { body: { voteId: 'vote-c2-1', itemId: forget!.id } })
    await call('edit', 'e', '/votes', { body: { voteId: 'vote-e-01', itemId: pricey!.id } })
    expect(
      (await call('view', 'v', '/votes', { body: { voteId: 'vote-v-01', itemId: pricey!.id } }))
        .status,
    ).toBe(403)

    // Anonymous while it runs: the state shows no counts.
    const running = await call('view', 'v', '/workshop')
    expect(running.json.state.voting).toMatchObject({ status: 'open', results: null })
    expect(running.text).not.toContain('vote-c1-1')

    const ended = await call('owner', 'o', '/workshop', { body: { type: 'endVoting' } })
    expect(ended.json.state.voting.results.map((r: { votes: number }) => r.votes)).toEqual([
      2, 1, 0,
    ])
    expect(ended.json.state.voting.voters).toBe(3)

    const summary = await call('view', 'v', '/workshop/summary.md')
    expect(summary.status).toBe(200)
    expect(summary.text).toContain('# Workshop summary: Discovery workshop')
    expect(summary.text).toContain('| 1 | Users forget | Churn · Problem | 2 |')
    expect(summary.text).toContain('## Churn')
  })

  it('keeps the timer and the facilitator across a server restart', async () => {
    const first = await workshopBoard()
    const alice = (await first.call('owner', 'o', '/workshop')).json
    expect(alice.role).toBe('owner')
    await first.call('owner', 'o', '/workshop', {
      body: { type: 'timer', timer: { action: 'set', durationMs: 600_000 } },
    })
    const started = await first.call('owner', 'o', '/workshop', {
      body: { type: 'timer', timer: { action: 'start' } },
    })
    const endsAt = started.json.state.timer.endsAt
    await first.s.stop()

    const again = await startTestServer({
      dataDir: first.s.dataDir,
      env: { OPEN_INSTANCE: 'false' },
    })
    servers.push(again)
    const res = await fetch(`${again.url}/api/boards/${first.board.id}/workshop`, {
      headers: { authorization: `Bearer ${first.key('view')}` },
    })
    const body = await res.json()
    expect(body.state.timer).toMatchObject({ status: 'running', endsAt, durationMs: 600_000 })
    expect(typeof body.serverTime).toBe('number')
  })
})
