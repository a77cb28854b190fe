import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { getBoardCanvases, getCanvasTitleText } from '../../shared/doc/canvasMap.js'
import { encodeRecord } from '../../shared/doc/layout.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { Scope } from '../../shared/workshop/voting.js'
import type { Role } from '../../shared/api/links.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

const ownerSecret = 'owner-'.padEnd(40, 'o')

/** A tldraw shape record as the app writes it, reduced to what locks read. */
const shape = (id: string, type: string, parentId = 'page:page', props: object = {}) =>
  encodeRecord({ typeName: 'shape', id, type, parentId, x: 0, y: 0, props })

/**
 * A board with share links, a lean canvas made through the API, a frame with a sticky in it and
 * a sticky outside, and an editor connected with a raw client.
 */
async function lockableBoard(dataDir?: string) {
  const s = await startTestServer({ dataDir, env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Workshop')
  const key = (role: Role) => keyOf(board, role)
  const rest = async (role: Role, path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${s.url}/api/boards/${board.id}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key(role)}`,
        'x-participant': ownerSecret,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : undefined }
  }
  const connect = (role: Role = 'edit') => {
    const c = connectClient(s.wsUrl, board.id, { params: { key: key(role) } })
    clients.push(c)
    return c
  }
  const lock = async (scope: Scope, locked = true) =>
    expect((await rest('owner', '/workshop', 'POST', { type: 'lock', scope, locked })).status).toBe(
      200,
    )
  return { s, board, key, rest, connect, lock }
}

async function seeded(dataDir?: string) {
  const b = await lockableBoard(dataDir)
  const canvas = await b.rest('edit', '/canvases', 'POST', {
    kind: 'lean',
    title: 'Churn',
    boxes: { problem: ['Users forget'] },
  })
  expect(canvas.status).toBe(201)
  const other = await b.rest('edit', '/canvases', 'POST', { kind: 'lean', title: 'Pricing' })
  const editor = b.connect()
  await editor.synced
  editor.doc.transact(() => {
    editor.records.set('shape:frame', shape('shape:frame', 'frame'))
    editor.records.set('shape:inside', shape('shape:inside', 'note', 'shape:frame'))
    editor.records.set('shape:outside', shape('shape:outside', 'note'))
  })
  const watcher = b.connect()
  await watcher.synced
  await vi.waitFor(() => expect(watcher.records.has('shape:outside')).toBe(true))
  return {
    ...b,
    editor,
    watcher,
    canvasId: canvas.json.id as string,
    otherId: other.json.id as string,
  }
}

const title = (c: TestClient, canvasId: string) =>
  getCanvasTitleText(getBoardCanvases(c.doc).get(canvasId)!)

describe('locks on the sync endpoint', () => {
  it('refuses a raw client’s retitle of a locked canvas with 4423 and relays and stores nothing', async () => {
    const b = await seeded()
    await b.lock({ kind: 'canvas', canvasId: b.canvasId })
    const t = title(b.editor, b.canvasId)
    t.insert(t.length, ' (hacked)')
    expect((await b.editor.closed).code).toBe(CloseCodes.Locked.code)

    // The watcher never got it, nor does a newcomer or the API.
    const fresh = b.connect('view')
    await fresh.synced
    expect(title(fresh, b.canvasId).toString()).toBe('Churn')
    expect(title(b.watcher, b.canvasId).toString()).toBe('Churn')
    expect((await b.rest('view', `/canvases/${b.canvasId}`)).json.title).toBe('Churn')
  })

  it('still takes changes to other canvases and shapes while one canvas is locked', async () => {
    const b = await seeded()
    await b.lock({ kind: 'canvas', canvasId: b.canvasId })
    const t = title(b.editor, b.otherId)
    t.insert(t.length, ' and plans')
    b.editor.records.set('shape:inside', shape('shape:inside', 'note', 'shape:frame', { n: 1 }))
    await vi.waitFor(() => {
      expect(title(b.watcher, b.otherId).toString()).toBe('Pricing and plans')
      expect(b.watcher.records.get('shape:inside')).toContain('"n":1')
    })
  })

  it('refuses changes to a locked frame, to shapes inside it and shapes moved into it', async () => {
    const attempts: [string, (c: TestClient) => void][] = [
      [
        'edit a sticky inside',
        (c) =>
          c.records.set('shape:inside', shape('shape:inside', 'note', 'shape:frame', { x: 1 })),
      ],
      ['delete a sticky inside', (c) => c.records.delete('shape:inside')],
      [
        'move the frame',
        (c) => c.records.set('shape:frame', shape('shape:frame', 'frame', 'page:page', { w: 9 })),
      ],
      ['delete the frame', (c) => c.records.delete('shape:frame')],
      [
        'move a sticky in',
        (c) => c.records.set('shape:outside', shape('shape:outside', 'note', 'shape:frame')),
      ],
      [
        'draw a new sticky in',
        (c) => c.records.set('shape:new', shape('shape:new', 'note', 'shape:frame')),
      ],
    ]
    const b = await seeded()
    await b.lock({ kind: 'frame', shapeId: 'shape:frame' })
    for (const [what, attempt] of attempts) {
      const c = b.connect()
      await c.synced
      attempt(c)
      expect({ what, code: (await c.closed).code }).toEqual({ what, code: CloseCodes.Locked.code })
    }
    // Nothing of it reached anyone.
    const fresh = b.connect('view')
    await fresh.synced
    expect(fresh.records.get('shape:inside')).toBe(shape('shape:inside', 'note', 'shape:frame'))
    expect(fresh.records.get('shape:outside')).toBe(shape('shape:outside', 'note'))
    expect(fresh.records.has('shape:new')).toBe(false)
    expect(fresh.records.get('shape:frame')).toBe(shape('shape:frame', 'frame'))
  })

  it('locks a canvas placed inside a locked frame, and lets everything through once unlocked', async () => {
    const b = await seeded()
    b.editor.records.set(
      `shape:canvas-${b.canvasId}`,
      shape(`shape:canvas-${b.canvasId}`, 'canvas', 'shape:frame', { canvasId: b.canvasId }),
    )
    await vi.waitFor(() => expect(b.watcher.records.has(`shape:canvas-${b.canvasId}`)).toBe(true))
    await b.lock({ kind: 'frame', shapeId: 'shape:frame' })
    expect((await b.rest('edit', `/canvases/${b.canvasId}`, 'PATCH', { title: 'x' })).status).toBe(
      423,
    )
    const t = title(b.editor, b.canvasId)
    t.insert(0, 'Our ')
    expect((await b.editor.closed).code).toBe(CloseCodes.Locked.code)

    await b.lock({ kind: 'frame', shapeId: 'shape:frame' }, false)
    const again = b.connect()
    await again.synced
    title(again, b.canvasId).insert(0, 'Our ')
    again.records.set('shape:inside', shape('shape:inside', 'note', 'shape:frame', { y: 2 }))
    await vi.waitFor(() => {
      expect(title(b.watcher, b.canvasId).toString()).toBe('Our Churn')
      expect(b.watcher.records.get('shape:inside')).toContain('"y":2')
    })
  })

  it('keeps a lock after a restart, from the first update a client sends', async () => {
    const b = await seeded()
    await b.lock({ kind: 'canvas', canvasId: b.canvasId })
    for (const c of clients.splice(0)) c.destroy()
    await b.s.stop()
    const again = await lockableBoard(b.s.dataDir)
    const doc = new Y.Doc()
    const c = connectClient(again.s.wsUrl, b.board.id, { doc, params: { key: b.key('edit') } })
    clients.push(c)
    await c.synced
    const t = title(c, b.canvasId)
    t.insert(0, 'x')
    expect((await c.closed).code).toBe(CloseCodes.Locked.code)
  })
})

describe('locks on the REST API', () => {
  it('answers 423 locked to every change of a locked canvas and changes nothing', async () => {
    const b = await seeded()
    const hypothesis = await b.rest('edit', '/canvases', 'POST', {
      kind: 'hypothesis',
      title: 'Reminders',
    })
    await b.lock({ kind: 'canvas', canvasId: b.canvasId })
    await b.lock({ kind: 'canvas', canvasId: hypothesis.json.id })
    const patch = await b.rest('edit', `/canvases/${b.canvasId}`, 'PATCH', { title: 'Hacked' })
    expect(patch.status).toBe(423)
    expect(patch.json.error.code).toBe('locked')
    expect((await b.rest('edit', `/canvases/${b.canvasId}`, 'DELETE')).status).toBe(423)
    const lesson = await b.rest('edit', `/hypotheses/${hypothesis.json.id}/lessons`, 'POST', {
      text: 'Nobody reads reminders',
    })
    expect(lesson.status).toBe(423)
    expect((await b.rest('view', `/canvases/${b.canvasId}`)).json.title).toBe('Churn')
    // Other canvases still change.
    expect(
      (await b.rest('edit', `/canvases/${b.otherId}`, 'PATCH', { title: 'Plans' })).status,
    ).toBe(200)
  })

  it('refuses new canvases and imports while the whole board is locked', async () => {
    const b = await seeded()
    await b.lock({ kind: 'board' })
    expect((await b.rest('edit', '/canvases', 'POST', { kind: 'lean', title: 'x' })).status).toBe(
      423,
    )
    b.watcher.records.set('shape:anywhere', shape('shape:anywhere', 'note'))
    expect((await b.watcher.closed).code).toBe(CloseCodes.Locked.code)
  })
})
