import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AgentTools, canvasResourceUri } from '../../shared/api/agentTools.js'
import { getBoardCanvases, getBoxItems } from '../../shared/doc/canvasDoc.js'
import { readCanvas } from '../../shared/doc/canvasDoc.js'
import {
  apiClient,
  checkoutMetrics,
  createToken,
  postOnOwnConnection,
  type Api,
} from '../helpers/api.js'
import { connectClient, createOwnedBoard, keyOf, type OwnedBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let api: Api
const clients: Client[] = []

beforeAll(async () => {
  // Share links, so each key opens its own board with its own role.
  server = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  api = apiClient(server.url)
})
afterAll(async () => {
  for (const client of clients.splice(0)) await client.close()
  await server.cleanup()
})

/** An MCP client of the official SDK, connected to `/mcp` with `secret` as its Bearer. */
async function connectAgent(secret: string, name = 'Research agent') {
  const client = new Client({ name, version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${secret}` } },
  })
  await client.connect(transport)
  clients.push(client)
  return client
}

/** Calls a tool and reads its text answer as JSON; fails on a refusal. */
async function call<T = any>(client: Client, name: string, args: Record<string, unknown> = {}) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult
  const text = result.content[0]?.type === 'text' ? result.content[0].text : ''
  if (result.isError) throw new Error(`${name} refused: ${text}`)
  try {
    return JSON.parse(text) as T
  } catch {
    return text as T
  }
}

/** Calls a tool expected to refuse, and answers its message. */
async function refusal(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult
  expect(result.isError).toBe(true)
  return result.content[0]?.type === 'text' ? result.content[0].text : ''
}

const canvasOf = async (board: OwnedBoard, canvasId: string) => {
  const res = await api(`/api/boards/${board.id}/canvases/${canvasId}?key=${board.ownerKey}`)
  expect(res.status).toBe(200)
  return res.json
}

describe('an agent connected to /mcp with an edit key', () => {
  let board: OwnedBoard
  let agent: Client

  beforeAll(async () => {
    board = await createOwnedBoard(server.url, 'Checkout discovery')
    agent = await connectAgent(keyOf(board, 'edit'))
  })

  it('offers every tool and lists the board the key opens', async () => {
    const { tools } = await agent.listTools()
    expect(tools.map((t) => t.name).sort()).toEqual(Object.values(AgentTools).sort())
    const { boards } = await call(agent, AgentTools.listBoards)
    expect(boards).toEqual([
      expect.objectContaining({ id: board.id, title: 'Checkout discovery', role: 'edit' }),
    ])
  })

  it('creates a canvas, lists it, and reads it as typed JSON and as markdown', async () => {
    const created = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'lean',
      title: 'Checkout lean canvas',
      boxes: { problem: ['Buyers abandon the cart'] },
    })
    expect(created).toMatchObject({ kind: 'lean', title: 'Checkout lean canvas' })
    expect(await canvasOf(board, created.id)).toMatchObject({ title: 'Checkout lean canvas' })

    const { canvases } = await call(agent, AgentTools.listCanvases, { boardId: board.id })
    expect(canvases).toContainEqual({
      id: created.id,
      kind: 'lean',
      title: 'Checkout lean canvas',
      uri: canvasResourceUri(board.id, created.id),
    })

    const json = await call(agent, AgentTools.readCanvas, {
      boardId: board.id,
      canvasId: created.id,
    })
    expect(json.boxes.problem.map((i: { text: string }) => i.text)).toEqual([
      'Buyers abandon the cart',
    ])
    const markdown = await call<string>(agent, AgentTools.readCanvas, {
      boardId: board.id,
      canvasId: created.id,
      format: 'markdown',
    })
    expect(markdown).toContain('Checkout lean canvas')
    expect(markdown).toContain('Buyers abandon the cart')
  })

  it('adds, edits and moves items, and changes what update_canvas names', async () => {
    const canvas = await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    const target = await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    const first = await call(agent, AgentTools.addItem, {
      boardId: board.id,
      canvasId: canvas.id,
      box: 'problem',
      text: 'Shipping costs are shown late',
    })
    const second = await call(agent, AgentTools.addItem, {
      boardId: board.id,
      canvasId: canvas.id,
      box: 'problem',
      text: 'Guest checkout is hidden',
      index: 0,
    })
    await call(agent, AgentTools.editItem, {
      boardId: board.id,
      canvasId: canvas.id,
      itemId: first.id,
      text: 'Shipping costs appear only at the last step',
    })
    let read = await canvasOf(board, canvas.id)
    expect(read.boxes.problem).toEqual([
      { id: second.id, text: 'Guest checkout is hidden' },
      { id: first.id, text: 'Shipping costs appear only at the last step' },
    ])

    await call(agent, AgentTools.moveItem, {
      boardId: board.id,
      canvasId: canvas.id,
      itemId: second.id,
      toBox: 'solution',
    })
    read = await canvasOf(board, canvas.id)
    expect(read.boxes.solution).toEqual([{ id: second.id, text: 'Guest checkout is hidden' }])
    expect(read.boxes.problem.map((i: { id: string }) => i.id)).toEqual([first.id])

    await call(agent, AgentTools.moveItem, {
      boardId: board.id,
      canvasId: canvas.id,
      itemId: first.id,
      toCanvasId: target.id,
      toBox: 'channels',
    })
    expect((await canvasOf(board, target.id)).boxes.channels).toEqual([
      { id: first.id, text: 'Shipping costs appear only at the last step' },
    ])

    const renamed = await call(agent, AgentTools.updateCanvas, {
      boardId: board.id,
      canvasId: canvas.id,
      title: 'Checkout, second pass',
    })
    expect(renamed.title).toBe('Checkout, second pass')
    expect(renamed.boxes.solution).toHaveLength(1)
  })

  it('refuses a box the kind has not and an item that is not there, changing nothing', async () => {
    const canvas = await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    expect(
      await refusal(agent, AgentTools.addItem, {
        boardId: board.id,
        canvasId: canvas.id,
        box: 'nowhere',
        text: 'x',
      }),
    ).toMatch(/^invalid_body: .*no box "nowhere"/)
    expect(
      await refusal(agent, AgentTools.editItem, {
        boardId: board.id,
        canvasId: canvas.id,
        itemId: 'a'.repeat(12),
        text: 'x',
      }),
    ).toMatch(/^not_found: /)
    expect(Object.values((await canvasOf(board, canvas.id)).boxes).flat()).toEqual([])
  })

  it('moves a hypothesis through its lifecycle, and amends locked criteria only with a reason', async () => {
    const hypothesis = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'hypothesis',
      title: 'One-page checkout',
      belief: 'a one-page checkout',
      metrics: checkoutMetrics,
    })
    const ready = await call(agent, AgentTools.updateHypothesis, {
      boardId: board.id,
      hypothesisId: hypothesis.id,
      status: 'ready',
    })
    expect(ready.status).toBe('ready')
    const running = await call(agent, AgentTools.updateHypothesis, {
      boardId: board.id,
      hypothesisId: hypothesis.id,
      status: 'running',
      timeboxDays: 14,
    })
    expect(running.status).toBe('running')

    // No moving targets: a changed target of a running hypothesis needs a reason.
    const moved = checkoutMetrics.map((m) =>
      m.key === 'conversion' ? { ...m, target: { value: 4.5 } } : m,
    )
    expect(
      await refusal(agent, AgentTools.updateHypothesis, {
        boardId: board.id,
        hypothesisId: hypothesis.id,
        metrics: moved,
      }),
    ).toMatch(/^conflict: The criteria are locked/)
    const unchanged = await api(
      `/api/boards/${board.id}/hypotheses/${hypothesis.id}?key=${board.ownerKey}`,
    )
    expect(unchanged.json.amendments).toEqual([])

    const amended = await call(agent, AgentTools.updateHypothesis, {
      boardId: board.id,
      hypothesisId: hypothesis.id,
      metrics: moved,
      reason: 'The baseline was measured on mobile only',
    })
    expect(amended.amendments).toEqual([
      expect.objectContaining({
        metric: 'conversion',
        by: 'Research agent',
        reason: 'The baseline was measured on mobile only',
      }),
    ])

    // Measurements, then the tracker shows the hypothesis with them.
    const posted = await call(agent, AgentTools.postMeasurements, {
      boardId: board.id,
      hypothesisId: hypothesis.id,
      measurements: [
        { metric: 'conversion', value: 4.8, id: 'run-1' },
        { metric: 'conversion', value: 4.8, id: 'run-1' },
      ],
    })
    expect(posted).toMatchObject({ recorded: 1, duplicates: 1, status: 'running' })
    const view = await api(
      `/api/boards/${board.id}/hypotheses/${hypothesis.id}?key=${board.ownerKey}`,
    )
    expect(view.json.measurements).toEqual([
      expect.objectContaining({ metric: 'conversion', value: 4.8, by: 'Research agent' }),
    ])

    const read = await call(agent, AgentTools.readCanvas, {
      boardId: board.id,
      canvasId: hypothesis.id,
    })
    expect(read.hypothesis).toMatchObject({ status: 'running', measurements: [{ value: 4.8 }] })

    await expect
      .poll(async () => {
        const tracker = await call(agent, AgentTools.readTracker, { status: ['running'] })
        return tracker.hypotheses.map((h: { hypothesisId: string }) => h.hypothesisId)
      })
      .toEqual([hypothesis.id])
  })

  it('reads the portfolio of the board its key opens, filtered by stage and status', async () => {
    const project = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'project',
      title: 'Churn model',
      fields: { owner: 'Ada', problem: 'Customers leave' },
    })
    const projectIds = async (filters: Record<string, unknown>) => {
      const portfolio = await call(agent, AgentTools.readPortfolio, filters)
      return portfolio.projects.map((p: { projectId: string }) => p.projectId)
    }
    await expect.poll(() => projectIds({ stage: ['ideation'] })).toEqual([project.id])
    expect(await projectIds({ stage: ['monitoring'] })).toEqual([])
    expect(await projectIds({ status: ['stopped'] })).toEqual([])
    const portfolio = await call(agent, AgentTools.readPortfolio, {})
    expect(portfolio.projects[0]).toMatchObject({ title: 'Churn model', status: 'active' })
  })

  it('records a check-in under its own name, and is refused on a hypothesis that is not running', async () => {
    const draft = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'hypothesis',
      title: 'Guest checkout',
    })
    const checkin = {
      happened: 'Ran the guest checkout for a week',
      likelihood: { percent: 55 },
      momentum: 'moving',
      next: 'Try it on mobile',
    }
    const refused = await refusal(agent, AgentTools.recordCheckin, {
      boardId: board.id,
      canvasId: draft.id,
      ...checkin,
    })
    expect(refused).toContain('conflict')
    const project = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'project',
      title: 'Checkout revamp',
    })
    const recorded = await call(agent, AgentTools.recordCheckin, {
      boardId: board.id,
      canvasId: project.id,
      ...checkin,
    })
    expect(recorded.checkin).toMatchObject({ by: 'Research agent', likelihood: { percent: 55 } })
    const read = await api(
      `/api/boards/${board.id}/canvases/${project.id}/checkins?key=${board.ownerKey}`,
    )
    expect(read.json.checkins.map((c: { happened: string }) => c.happened)).toEqual([
      'Ran the guest checkout for a week',
    ])
    const bad = await refusal(agent, AgentTools.recordCheckin, {
      boardId: board.id,
      canvasId: project.id,
      ...checkin,
      likelihood: { percent: 300 },
    })
    expect(bad).toMatch(/likelihood|percent/i)
  })

  it('serves each canvas as a resource, as JSON and as markdown', async () => {
    const canvas = await call(agent, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'ml',
      title: 'Churn model',
    })
    const uri = canvasResourceUri(board.id, canvas.id)
    const { resources } = await agent.listResources()
    expect(resources.map((r) => r.uri)).toContain(uri)
    const { contents } = await agent.readResource({ uri })
    expect(contents.map((c) => c.mimeType)).toEqual(['application/json', 'text/markdown'])
    const [json, markdown] = contents.map((c) => ('text' in c ? c.text : ''))
    expect(JSON.parse(json!)).toMatchObject({ id: canvas.id, kind: 'ml' })
    expect(markdown).toContain('Churn model')
  })

  it('records the agent as someone who worked on the board, by its client’s name', async () => {
    await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    await expect
      .poll(async () =>
        (await server.server.context.persistence.listParticipants(board.id)).map((p) => p.name),
      )
      .toContain('Research agent')
    // The board's history names the agent among those who worked since the version before.
    const version = await api(`/api/boards/${board.id}/versions`, {
      body: { name: 'After the agent' },
      token: board.ownerKey,
    })
    expect(version.status).toBe(201)
    expect(version.json.participants).toContain('Research agent')
  })
})

describe('an agent’s change', () => {
  it('is seen live by a y-websocket client on the board, with the agent among those present', async () => {
    const board = await createOwnedBoard(server.url)
    const agent = await connectAgent(keyOf(board, 'edit'))
    const canvas = await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    const screen = connectClient(server.wsUrl, board.id, { params: { key: board.ownerKey } })
    try {
      await screen.synced
      const seen = new Promise<string[]>((resolve) => {
        const look = () => {
          const map = getBoardCanvases(screen.doc).get(canvas.id)
          const texts = map ? getBoxItems(map, 'problem').map((i) => String(i.get('text'))) : []
          if (texts.length > 0) {
            screen.doc.off('update', look)
            resolve(texts)
          }
        }
        screen.doc.on('update', look)
      })
      await call(agent, AgentTools.addItem, {
        boardId: board.id,
        canvasId: canvas.id,
        box: 'problem',
        text: 'Seen on every screen',
      })
      expect(await seen).toEqual(['Seen on every screen'])
      // The agent shows on the screen by its client's name, with the role of its key.
      await expect
        .poll(() =>
          [...screen.provider.awareness.getStates().values()].flatMap((state) => {
            const user = (state as { user?: { name: string; role: string } }).user
            return user ? [`${user.name} (${user.role})`] : []
          }),
        )
        .toContain('Research agent (edit)')
      expect(readCanvas(canvas.id, getBoardCanvases(screen.doc).get(canvas.id)!)?.kind).toBe('lean')
    } finally {
      screen.destroy()
    }
  })
})

describe('roles and credentials', () => {
  it('refuses a viewer key on a write tool and changes nothing, but lets it read', async () => {
    const board = await createOwnedBoard(server.url)
    const owner = await connectAgent(board.ownerKey)
    const canvas = await call(owner, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    const viewer = await connectAgent(keyOf(board, 'view'), 'Viewer agent')
    expect(
      await refusal(viewer, AgentTools.addItem, {
        boardId: board.id,
        canvasId: canvas.id,
        box: 'problem',
        text: 'Not allowed',
      }),
    ).toBe('forbidden: A view link cannot do this')
    expect(
      await refusal(viewer, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' }),
    ).toMatch(/^forbidden: /)
    expect((await canvasOf(board, canvas.id)).boxes.problem ?? []).toEqual([])
    const { canvases } = await call(viewer, AgentTools.listCanvases, { boardId: board.id })
    expect(canvases).toHaveLength(1)
  })

  it('refuses a change of a canvas a facilitator locked, as the REST API does', async () => {
    const board = await createOwnedBoard(server.url)
    const agent = await connectAgent(keyOf(board, 'edit'))
    const canvas = await call(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'lean' })
    const lock = await fetch(`${server.url}/api/boards/${board.id}/workshop`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': 'facilitator-'.padEnd(40, 'x'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        type: 'lock',
        scope: { kind: 'canvas', canvasId: canvas.id },
        locked: true,
      }),
    })
    expect(lock.status).toBe(200)
    expect(
      await refusal(agent, AgentTools.addItem, {
        boardId: board.id,
        canvasId: canvas.id,
        box: 'problem',
        text: 'While locked',
      }),
    ).toMatch(/^locked: A facilitator locked this canvas/)
    expect((await canvasOf(board, canvas.id)).boxes.problem ?? []).toEqual([])
  })

  it('refuses input that does not fit the tool, naming what is wrong', async () => {
    const board = await createOwnedBoard(server.url)
    const agent = await connectAgent(keyOf(board, 'edit'))
    expect(
      await refusal(agent, AgentTools.createCanvas, { boardId: board.id, kind: 'poster' }),
    ).toMatch(/Invalid arguments for tool create_canvas: .* at kind/)
    expect(
      await refusal(agent, AgentTools.addItem, {
        boardId: board.id,
        canvasId: 'a'.repeat(12),
        box: 'problem',
        text: 'x'.repeat(4001),
      }),
    ).toMatch(/at most 4000 characters/)
    const { canvases } = await call(agent, AgentTools.listCanvases, { boardId: board.id })
    expect(canvases).toEqual([])
  })

  it('answers a board the key does not open as a board that does not exist', async () => {
    const mine = await createOwnedBoard(server.url)
    const other = await createOwnedBoard(server.url)
    const agent = await connectAgent(keyOf(mine, 'edit'))
    expect(await refusal(agent, AgentTools.listCanvases, { boardId: other.id })).toBe(
      'board_not_found: No board with this id',
    )
  })

  it('lets an ingestion token post measurements to its board only, under the token’s rules', async () => {
    const board = await createOwnedBoard(server.url)
    const owner = await connectAgent(board.ownerKey)
    const hypothesis = await call(owner, AgentTools.createCanvas, {
      boardId: board.id,
      kind: 'hypothesis',
      metrics: checkoutMetrics,
    })
    const { token } = await createToken(api, board, 'Pipeline')
    const pipeline = await connectAgent(token, 'Nightly pipeline')
    expect(await refusal(pipeline, AgentTools.listCanvases, { boardId: board.id })).toBe(
      'forbidden: An ingestion token can only post measurements',
    )
    // A draft hypothesis takes baselines only, as over REST.
    expect(
      await refusal(pipeline, AgentTools.postMeasurements, {
        boardId: board.id,
        hypothesisId: hypothesis.id,
        measurements: [{ metric: 'conversion', value: 4.1 }],
      }),
    ).toMatch(/^conflict: /)
    const posted = await call(pipeline, AgentTools.postMeasurements, {
      boardId: board.id,
      hypothesisId: hypothesis.id,
      measurements: [{ metric: 'conversion', value: 4.1 }],
      baseline: true,
    })
    expect(posted.recorded).toBe(1)
  })

  it('answers 401 with WWW-Authenticate without a valid key, before reading the request', async () => {
    for (const authorization of [undefined, 'Bearer not-a-key']) {
      const res = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /)
      expect((await res.json()).error.code).toBe('unauthorized')
    }
  })

  it('refuses a request body over the JSON limit with 413', async () => {
    const board = await createOwnedBoard(server.url)
    // On a connection of its own: the server answers without reading the rest.
    const res = await postOnOwnConnection(
      `${server.url}/mcp`,
      JSON.stringify({ pad: 'x'.repeat(server.server.context.config.http.maxJsonBodyBytes) }),
      {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${board.ownerKey}`,
      },
    )
    expect(res.status).toBe(413)
  })

  it('ends a session on request: the session is gone for the next request', async () => {
    const board = await createOwnedBoard(server.url)
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${keyOf(board, 'edit')}` } },
    })
    const client = new Client({ name: 'Short-lived', version: '1' })
    await client.connect(transport)
    clients.push(client)
    const sessionId = transport.sessionId!
    await transport.terminateSession()
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${keyOf(board, 'edit')}`,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/list' }),
    })
    expect(res.status).toBe(404)
  })

  it('does not let another key use a session', async () => {
    const board = await createOwnedBoard(server.url)
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${keyOf(board, 'edit')}` } },
    })
    const client = new Client({ name: 'First', version: '1' })
    await client.connect(transport)
    clients.push(client)
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${keyOf(board, 'view')}`,
        'mcp-session-id': transport.sessionId!,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }),
    })
    expect(res.status).toBe(404)
  })
})
