import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '../../shared/api/links.js'
import { getBoardCanvases, readCanvas } from '../../shared/doc/canvasDoc.js'
import { canvasRecordId, encodeRecord } from '../../shared/doc/layout.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

const secret = (who: string) => `${who}-`.padEnd(40, 'x')

async function boardWithHistory() {
  const s = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Churn discovery')
  const call = async (role: Role, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${s.url}/api/boards/${board.id}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${keyOf(board, role)}`,
        'x-participant': secret('ann'),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const type = res.headers.get('content-type') ?? ''
    if (type.includes('octet-stream')) {
      const bytes = new Uint8Array(await res.arrayBuffer())
      return { status: res.status, json: undefined, text: '', bytes }
    }
    const text = await res.text()
    const json = type.includes('json') && text ? JSON.parse(text) : undefined
    return { status: res.status, json, text, bytes: undefined }
  }
  const editor = () => {
    const client = connectClient(s.wsUrl, board.id, {
      params: { key: keyOf(board, 'edit'), [ParticipantParam]: secret('ann') },
    })
    clients.push(client)
    return client
  }
  return { s, board, call, editor }
}

const titleOf = async (call: Awaited<ReturnType<typeof boardWithHistory>>['call'], id: string) =>
  (await call('view', `/canvases/${id}`)).json.title as string

describe('version history', () => {
  it('keeps a named version and restores one canvas from it, leaving the rest of the board as it is now', async () => {
    const { call, editor } = await boardWithHistory()
    const canvas = await call('edit', '/canvases', {
      body: { kind: 'lean', title: 'Churn', boxes: { problem: ['Users forget'] } },
    })
    expect(canvas.status).toBe(201)
    const named = await call('edit', '/versions', { body: { name: 'Before the workshop' } })
    expect(named.status).toBe(201)
    expect(named.json).toMatchObject({ name: 'Before the workshop', automatic: false })

    // After the version: the canvas is renamed and someone draws a sticky.
    expect(
      (
        await call('edit', `/canvases/${canvas.json.id}`, {
          method: 'PATCH',
          body: { title: 'Renamed' },
        })
      ).status,
    ).toBe(200)
    const screen = editor()
    await screen.synced
    screen.records.set(
      'shape:sticky',
      encodeRecord({
        typeName: 'shape',
        id: 'shape:sticky',
        type: 'note',
        parentId: 'page:page',
        x: 0,
        y: 0,
        props: {},
      }),
    )
    await vi.waitFor(async () => {
      const doc = await call('view', `/versions/${named.json.id}/document`)
      expect(doc.status).toBe(200)
    })

    const restored = await call('edit', `/versions/${named.json.id}/restore`, {
      body: { canvasId: canvas.json.id },
    })
    expect(restored.status).toBe(200)
    expect(restored.json.canvases).toBe(1)
    expect(await titleOf(call, canvas.json.id)).toBe('Churn')
    // Everyone sees the restore at once; the sticky drawn since is still there.
    await vi.waitFor(() => {
      const map = getBoardCanvases(screen.doc).get(canvas.json.id)!
      expect(readCanvas(canvas.json.id, map)!.title).toBe('Churn')
    })
    expect(screen.records.has('shape:sticky')).toBe(true)

    // The restore is undone by restoring the version taken just before it.
    const versions = (await call('view', '/versions')).json.versions as {
      id: string
      name: string
    }[]
    expect(versions[0]).toMatchObject({
      id: restored.json.before.id,
      name: 'Before restoring Before the workshop',
    })
    const undone = await call('edit', `/versions/${restored.json.before.id}/restore`, {
      body: { canvasId: canvas.json.id },
    })
    expect(undone.status).toBe(200)
    expect(await titleOf(call, canvas.json.id)).toBe('Renamed')

    // Restoring the whole board takes the sticky away too.
    const whole = await call('edit', `/versions/${named.json.id}/restore`, { body: {} })
    expect(whole.status).toBe(200)
    await vi.waitFor(() => expect(screen.records.has('shape:sticky')).toBe(false))
    expect(await titleOf(call, canvas.json.id)).toBe('Churn')
  })

  it('keeps the shape a screen drew for a canvas when restoring a version taken before any screen opened', async () => {
    const { call, editor } = await boardWithHistory()
    const canvas = await call('edit', '/canvases', { body: { kind: 'lean', title: 'Churn' } })
    const named = await call('edit', '/versions', { body: { name: 'Made by a script' } })
    const shapeId = canvasRecordId(canvas.json.id)
    // A screen opens the board and draws the canvas's shape.
    const screen = editor()
    await screen.synced
    screen.records.set(
      shapeId,
      encodeRecord({
        typeName: 'shape',
        id: shapeId,
        type: 'canvas',
        parentId: 'page:page',
        x: 0,
        y: 0,
        props: { canvasId: canvas.json.id, kind: 'lean' },
      }),
    )
    await call('edit', `/canvases/${canvas.json.id}`, { method: 'PATCH', body: { title: 'New' } })

    for (const body of [{ canvasId: canvas.json.id }, {}]) {
      const restored = await call('edit', `/versions/${named.json.id}/restore`, { body })
      expect(restored.status).toBe(200)
      expect(await titleOf(call, canvas.json.id)).toBe('Churn')
      expect(screen.records.has(shapeId)).toBe(true)
    }
  })

  it('serves a version’s whole document to open it read-only', async () => {
    const { call } = await boardWithHistory()
    const canvas = await call('edit', '/canvases', { body: { kind: 'lean', title: 'Pricing' } })
    const named = await call('edit', '/versions', { body: { name: 'First draft' } })
    const document = await call('view', `/versions/${named.json.id}/document`)
    expect(document.status).toBe(200)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, document.bytes!)
    expect(readCanvas(canvas.json.id, getBoardCanvases(doc).get(canvas.json.id)!)!.title).toBe(
      'Pricing',
    )
    expect((await call('view', `/versions/${named.json.id}`)).json.name).toBe('First draft')
  })

  it('takes an automatic version with who took part when the last person leaves', async () => {
    const { call, editor } = await boardWithHistory()
    const screen = editor()
    await screen.synced
    screen.provider.awareness.setLocalState({
      user: { id: participantIdOf(secret('ann')), name: 'Ann', color: '#2f9e44' },
    })
    screen.records.set(
      'shape:a',
      encodeRecord({
        typeName: 'shape',
        id: 'shape:a',
        type: 'note',
        parentId: 'page:page',
        x: 0,
        y: 0,
        props: {},
      }),
    )
    await vi.waitFor(async () => {
      const names = (await call('view', '/versions')).json.versions
      expect(names).toEqual([])
    })
    screen.destroy()
    await vi.waitFor(
      async () => {
        const versions = (await call('view', '/versions')).json.versions
        expect(versions).toHaveLength(1)
        expect(versions[0]).toMatchObject({ automatic: true, name: null, participants: ['Ann'] })
      },
      { timeout: 10_000 },
    )
  })

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { call, board, s } = await boardWithHistory()
    const canvas = await call('edit', '/canvases', { body: { kind: 'lean', title: 'Churn' } })
    const named = await call('edit', '/versions', { body: { name: 'Kept' } })
    const cases: [string, Role, string, unknown, number][] = [
      ['an empty name', 'edit', '/versions', { name: '  ' }, 400],
      ['a name of two lines', 'edit', '/versions', { name: 'a\nb' }, 400],
      ['a viewer naming a version', 'view', '/versions', { name: 'Mine' }, 403],
      ['a commenter restoring', 'comment', `/versions/${named.json.id}/restore`, {}, 403],
      ['an unknown version', 'edit', '/versions/nosuchversion/restore', {}, 404],
      [
        'a canvas the version lacks',
        'edit',
        `/versions/${named.json.id}/restore`,
        { canvasId: 'nosuchcanvas' },
        404,
      ],
      ['an unknown field', 'edit', `/versions/${named.json.id}/restore`, { everything: true }, 400],
    ]
    for (const [what, role, path, body, status] of cases) {
      const res = await call(role, path, { body })
      expect(res.status, what).toBe(status)
      expect(res.json.error.code, what).toBeTypeOf('string')
    }
    expect(
      (await call('view', '/versions')).json.versions.map((v: { id: string }) => v.id),
    ).toEqual([named.json.id])

    // A locked canvas is not restored, and a lock anywhere holds back a whole-board restore.
    const lock = await fetch(`${s.url}/api/boards/${board.id}/workshop`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': secret('owner'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        type: 'lock',
        scope: { kind: 'canvas', canvasId: canvas.json.id },
        locked: true,
      }),
    })
    expect(lock.status).toBe(200)
    for (const body of [{ canvasId: canvas.json.id }, {}]) {
      const res = await call('edit', `/versions/${named.json.id}/restore`, { body })
      expect(res.status).toBe(423)
    }
  })

  it('says what changed between a version and now, and between two versions, as markdown', async () => {
    const { call, editor } = await boardWithHistory()
    const canvas = await call('edit', '/canvases', {
      body: { kind: 'lean', title: 'Churn', boxes: { problem: ['Users forget', 'Too pricey'] } },
    })
    const [forget] = canvas.json.boxes.problem as { id: string }[]
    const monday = await call('edit', '/versions', { body: { name: 'Monday' } })

    const patched = await call('edit', `/canvases/${canvas.json.id}`, {
      method: 'PATCH',
      body: {
        title: 'Churn in Q3',
        boxes: { problem: [{ id: forget!.id, text: 'Users forget to renew' }, 'Slow support'] },
      },
    })
    expect(patched.status).toBe(200)
    const screen = editor()
    await screen.synced
    const paragraph = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    })
    screen.records.set(
      'shape:idea',
      encodeRecord({
        typeName: 'shape',
        id: 'shape:idea',
        type: 'note',
        parentId: 'page:page',
        x: 0,
        y: 0,
        props: { richText: paragraph('Call them') },
      }),
    )
    const expected = [
      '## Churn in Q3',
      '',
      '- Title: “Churn” → “Churn in Q3”',
      '- Problem: edited “Users forget” → “Users forget to renew”',
      '- Problem: added “Slow support”',
      '- Problem: removed “Too pricey”',
      '',
      '## Stickies and shapes',
      '',
      '- Added “Call them”',
    ].join('\n')
    await vi.waitFor(async () => {
      const now = await call('view', `/diff.md?from=${monday.json.id}`)
      expect(now.status).toBe(200)
      expect(now.text).toContain('From “Monday” to now.')
      expect(now.text).toContain(expected)
    })
    const tuesday = await call('edit', '/versions', { body: { name: 'Tuesday' } })
    const between = await call('view', `/diff.md?from=${monday.json.id}&to=${tuesday.json.id}`)
    expect(between.text).toContain('From “Monday” to “Tuesday”.')
    expect(between.text).toContain(expected)
    const none = await call('view', `/diff.md?from=${tuesday.json.id}`)
    expect(none.text).toContain('_Nothing changed._')
    expect((await call('view', '/diff.md?from=nosuchversion')).status).toBe(404)
    expect((await call('view', '/diff.md')).status).toBe(400)
  })
})
