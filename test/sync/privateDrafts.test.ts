import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  getBoardCanvases,
  getBoxItems,
  readItemAuthor,
  type CanvasMap,
} from '../../shared/doc/canvasDoc.js'
import { getDraftBoxItems, getDraftRecords } from '../../shared/doc/draftDoc.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { participantIdOf } from '../../shared/workshop/participant.js'
import { connectClient, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

/** A participant secret as a browser keeps it, one per person. */
const secret = (who: string) => `${who}-`.padEnd(40, 'x')
const idOf = (who: string) => participantIdOf(secret(who))

const Secret = 'Our churn comes from the invoice e-mail'
const SecretItem = 'Nobody reads onboarding'

/** A sticky note record as tldraw writes it, stamped by its author. */
const note = (id: string, by: string, at: number, parentId = 'page:page') =>
  JSON.stringify({
    id,
    typeName: 'shape',
    type: 'note',
    parentId,
    index: 'a1',
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    props: { richText: { type: 'doc', content: [{ type: 'text', text: Secret }] } },
    meta: { createdBy: by, createdAt: at },
  })

/** A server with share links, one board with a lean canvas, and people to put on it. */
async function workshopBoard(dataDir?: string) {
  const s = await startTestServer({ dataDir, env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const created = await fetch(`${s.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Idea round' }),
  })
  const board = (await created.json()) as {
    id: string
    ownerKey: string
    links: { role: string; key: string }[]
  }
  return onServer(s, board)
}

function onServer(
  s: TestServer,
  board: { id: string; ownerKey: string; links: { role: string; key: string }[] },
) {
  const key = (role: string) =>
    role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key
  const call = async (path: string, body?: unknown, who = 'owner') => {
    const res = await fetch(`${s.url}/api/boards/${board.id}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${key('owner')}`,
        'x-participant': secret(who),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, text: await res.text() }
  }
  const connect = (role: string, options: { drafts?: string; doc?: Y.Doc } = {}) => {
    const params: Record<string, string> = { key: key(role) }
    // An empty name asks for drafts without saying whose.
    if (options.drafts !== undefined) params.drafts = '1'
    if (options.drafts) params.participant = secret(options.drafts)
    const c = connectClient(s.wsUrl, board.id, { params, doc: options.doc })
    clients.push(c)
    return c
  }
  const setPrivate = async (on: boolean) =>
    expect(
      (await call('/workshop', { type: 'private', scope: { kind: 'board' }, on })).status,
    ).toBe(200)
  return { s, board, key, call, connect, setPrivate }
}

const canvasOf = (doc: Y.Doc, id: string) => getBoardCanvases(doc).get(id) as CanvasMap | undefined
const itemTexts = (doc: Y.Doc, canvasId: string) => {
  const canvas = canvasOf(doc, canvasId)
  return canvas ? getBoxItems(canvas, 'problem').map((m) => String(m.get('text'))) : []
}

/** Everything a socket received, as text, to search for a secret. */
function wireLog(client: TestClient): string[] {
  const seen: string[] = []
  const ws = () => client.provider.ws
  const attach = () => {
    ws()?.addEventListener('message', (event: MessageEvent) => {
      seen.push(Buffer.from(event.data as ArrayBuffer).toString('latin1'))
    })
  }
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') attach()
  })
  attach()
  return seen
}

describe('private mode keeps new ideas on the server apart from the board', () => {
  it("never sends an editor's private items to a viewer, another editor or any REST answer", async () => {
    const { connect, call, setPrivate } = await workshopBoard()
    const canvas = JSON.parse(
      (await call('/canvases', { kind: 'lean', title: 'Ideas', boxes: { problem: ['Known'] } }))
        .text,
    ) as { id: string }
    const viewer = connect('view')
    const other = connect('edit')
    const seenByViewer = wireLog(viewer)
    const seenByOther = wireLog(other)
    await Promise.all([viewer.synced, other.synced])
    await setPrivate(true)

    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    const at = Date.now()
    drafts.doc.transact(() => {
      getDraftRecords(drafts.doc).set(
        'shape:alice-idea',
        note('shape:alice-idea', idOf('alice'), at),
      )
      const item = new Y.Map<unknown>()
      item.set('id', 'alice-item')
      item.set('text', new Y.Text(SecretItem))
      item.set('by', idOf('alice'))
      item.set('at', at)
      getDraftBoxItems(drafts.doc, canvas.id, 'problem').push([item])
    })
    // Stored: the author's second screen gets it from the server.
    const secondScreen = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() =>
      expect(getDraftRecords(secondScreen.doc).has('shape:alice-idea')).toBe(true),
    )

    // A marker edit after the private one, so the sockets have caught up when it arrives.
    const alice = connect('edit')
    await alice.synced
    alice.records.set('shape:marker', '{}')
    await vi.waitFor(() => expect(viewer.records.has('shape:marker')).toBe(true))
    await vi.waitFor(() => expect(other.records.has('shape:marker')).toBe(true))
    for (const seen of [seenByViewer, seenByOther]) {
      const all = seen.join('')
      expect(all).not.toContain(Secret)
      expect(all).not.toContain(SecretItem)
      expect(all).not.toContain('alice-idea')
    }
    for (const path of [
      `/canvases/${canvas.id}`,
      '/canvases',
      '/export.md',
      `/canvases/${canvas.id}/export.md`,
      '/workshop/summary.md',
      '/workshop',
    ]) {
      const answer = await call(path)
      expect(answer.status, path).toBe(200)
      expect(answer.text, path).not.toContain(Secret)
      expect(answer.text, path).not.toContain(SecretItem)
      expect(answer.text, path).not.toContain(idOf('alice'))
    }
  })

  it("refuses someone else's drafts, and drafts to a viewer or a commenter", async () => {
    const { connect } = await workshopBoard()
    const alice = connect('edit', { drafts: 'alice' })
    await alice.synced
    getDraftRecords(alice.doc).set('shape:alice-idea', note('shape:alice-idea', idOf('alice'), 1))
    const aliceAgain = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() => expect(getDraftRecords(aliceAgain.doc).size).toBe(1))

    // Bob's secret opens Bob's drafts, whatever else his URL says.
    const bob = connect('edit', { drafts: 'bob' })
    await bob.synced
    expect(getDraftRecords(bob.doc).size).toBe(0)
    expect((await connect('view', { drafts: 'alice' }).closed).code).toBe(CloseCodes.Forbidden.code)
    expect((await connect('comment', { drafts: 'alice' }).closed).code).toBe(
      CloseCodes.Forbidden.code,
    )
    const noSecret = connect('edit', { drafts: '' })
    expect((await noSecret.closed).code).toBe(CloseCodes.Unauthorized.code)
  })

  it('moves the drafts into the board at the end, with author and time, also when the author has left', async () => {
    const { connect, call, setPrivate } = await workshopBoard()
    const canvas = JSON.parse(
      (await call('/canvases', { kind: 'lean', title: 'Ideas', boxes: { problem: ['Known'] } }))
        .text,
    ) as { id: string }
    // The page a screen seeds a new board with.
    const seeder = connect('edit')
    await seeder.synced
    seeder.records.set(
      'page:page',
      JSON.stringify({ typeName: 'page', id: 'page:page', name: 'Page 1', index: 'a1', meta: {} }),
    )
    const viewer = connect('view')
    await vi.waitFor(() => expect(viewer.records.has('page:page')).toBe(true))
    await setPrivate(true)
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    const at = Date.now() - 5000
    drafts.doc.transact(() => {
      getDraftRecords(drafts.doc).set(
        'shape:alice-idea',
        note('shape:alice-idea', idOf('alice'), at),
      )
      const item = new Y.Map<unknown>()
      item.set('id', 'alice-item')
      item.set('text', new Y.Text(SecretItem))
      // A modified client claiming someone else wrote it: the server names the draft's owner.
      item.set('by', idOf('mallory'))
      item.set('at', at)
      getDraftBoxItems(drafts.doc, canvas.id, 'problem').push([item])
    })
    const check = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() => expect(getDraftRecords(check.doc).size).toBe(1))
    // The author leaves before the reveal.
    drafts.destroy()
    check.destroy()

    await setPrivate(false)
    // In the board for everyone: the viewer's socket, the API.
    await vi.waitFor(() => expect(viewer.records.has('shape:alice-idea')).toBe(true))
    const record = JSON.parse(String(viewer.records.get('shape:alice-idea'))) as {
      meta: { createdBy: string; createdAt: number }
    }
    expect(record.meta).toEqual({ createdBy: idOf('alice'), createdAt: at })
    await vi.waitFor(() => expect(itemTexts(viewer.doc, canvas.id)).toEqual(['Known', SecretItem]))
    const item = getBoxItems(canvasOf(viewer.doc, canvas.id)!, 'problem').get(1)
    expect(readItemAuthor(item)).toEqual({ by: idOf('alice'), at })
    expect((await call(`/canvases/${canvas.id}`)).text).toContain(SecretItem)

    // The drafts are empty once the board holds them, and ending it again adds nothing twice.
    const after = connect('edit', { drafts: 'alice' })
    await after.synced
    expect(getDraftRecords(after.doc).size).toBe(0)
    expect(getDraftBoxItems(after.doc, canvas.id, 'problem').length).toBe(0)
    await setPrivate(false)
    expect(itemTexts(viewer.doc, canvas.id)).toEqual(['Known', SecretItem])
  })

  it('keeps drafts through a server restart, and reveals only the scopes that ended', async () => {
    const first = await workshopBoard()
    const { connect, call, board } = first
    const made = async (title: string) =>
      (
        JSON.parse(
          (await call('/canvases', { kind: 'lean', title, boxes: { problem: [] } })).text,
        ) as {
          id: string
        }
      ).id
    const [open, closed] = [await made('Still private'), await made('Ends first')]
    for (const canvasId of [open, closed]) {
      await call('/workshop', { type: 'private', scope: { kind: 'canvas', canvasId }, on: true })
    }
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    drafts.doc.transact(() => {
      for (const [canvasId, id] of [
        [open, 'in-open'],
        [closed, 'in-closed'],
      ] as const) {
        const item = new Y.Map<unknown>()
        item.set('id', id)
        item.set('text', new Y.Text(`${id} text`))
        getDraftBoxItems(drafts.doc, canvasId, 'problem').push([item])
      }
    })
    const check = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() => expect(getDraftBoxItems(check.doc, closed, 'problem').length).toBe(1))
    drafts.destroy()
    check.destroy()

    await first.s.stop()
    const again = await startTestServer({
      dataDir: first.s.dataDir,
      env: { OPEN_INSTANCE: 'false' },
    })
    servers.push(again)
    const second = onServer(again, board)
    const kept = second.connect('edit', { drafts: 'alice' })
    await kept.synced
    expect(getDraftBoxItems(kept.doc, open, 'problem').length).toBe(1)
    expect(getDraftBoxItems(kept.doc, closed, 'problem').length).toBe(1)

    const viewer = second.connect('view')
    await viewer.synced
    await second.call('/workshop', {
      type: 'private',
      scope: { kind: 'canvas', canvasId: closed },
      on: false,
    })
    await vi.waitFor(() => expect(itemTexts(viewer.doc, closed)).toEqual(['in-closed text']))
    // The author's screen sees it leave the drafts; the other canvas's draft stays private.
    await vi.waitFor(() => expect(getDraftBoxItems(kept.doc, closed, 'problem').length).toBe(0))
    expect(getDraftBoxItems(kept.doc, open, 'problem').length).toBe(1)
    expect(itemTexts(viewer.doc, open)).toEqual([])
  })

  it('reveals the stickies of a frame whose private mode ended, and keeps the others', async () => {
    const { connect, call } = await workshopBoard()
    const seeder = connect('edit')
    await seeder.synced
    const frame = (id: string) =>
      JSON.stringify({ id, typeName: 'shape', type: 'frame', parentId: 'page:page', props: {} })
    seeder.doc.transact(() => {
      seeder.records.set('page:page', JSON.stringify({ typeName: 'page', id: 'page:page' }))
      seeder.records.set('shape:frame-a', frame('shape:frame-a'))
      seeder.records.set('shape:frame-b', frame('shape:frame-b'))
    })
    const viewer = connect('view')
    await vi.waitFor(() => expect(viewer.records.has('shape:frame-b')).toBe(true))
    for (const shapeId of ['shape:frame-a', 'shape:frame-b']) {
      await call('/workshop', { type: 'private', scope: { kind: 'frame', shapeId }, on: true })
    }
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    drafts.doc.transact(() => {
      const records = getDraftRecords(drafts.doc)
      records.set('shape:in-a', note('shape:in-a', idOf('alice'), 1, 'shape:frame-a'))
      records.set('shape:in-b', note('shape:in-b', idOf('alice'), 1, 'shape:frame-b'))
    })
    const check = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() => expect(getDraftRecords(check.doc).size).toBe(2))

    await call('/workshop', {
      type: 'private',
      scope: { kind: 'frame', shapeId: 'shape:frame-a' },
      on: false,
    })
    await vi.waitFor(() => expect(viewer.records.has('shape:in-a')).toBe(true))
    await vi.waitFor(() => expect([...getDraftRecords(check.doc).keys()]).toEqual(['shape:in-b']))
    expect(viewer.records.has('shape:in-b')).toBe(false)
  })

  it('moves a draft written after private mode ended into the board as well', async () => {
    const { connect, setPrivate } = await workshopBoard()
    const seeder = connect('edit')
    await seeder.synced
    seeder.records.set('page:page', JSON.stringify({ typeName: 'page', id: 'page:page' }))
    const viewer = connect('view')
    await vi.waitFor(() => expect(viewer.records.has('page:page')).toBe(true))
    await setPrivate(true)
    await setPrivate(false)
    // A screen that had not heard yet.
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    getDraftRecords(drafts.doc).set('shape:late', note('shape:late', idOf('alice'), 1))
    await vi.waitFor(() => expect(viewer.records.has('shape:late')).toBe(true))
    await vi.waitFor(() => expect(getDraftRecords(drafts.doc).size).toBe(0))
  })

  it('closes drafts sockets opened with a link the owner turns off', async () => {
    const { connect, board, key, s } = await workshopBoard()
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    const res = await fetch(`${s.url}/api/boards/${board.id}/links/edit`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key('owner')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    })
    expect(res.status).toBe(200)
    expect((await drafts.closed).code).toBe(CloseCodes.Unauthorized.code)
  })

  it('keeps drafts in a locked canvas until the facilitator unlocks it', async () => {
    const { connect, call, setPrivate } = await workshopBoard()
    const canvas = JSON.parse(
      (await call('/canvases', { kind: 'lean', title: 'Ideas', boxes: { problem: [] } })).text,
    ) as { id: string }
    const viewer = connect('view')
    await viewer.synced
    await setPrivate(true)
    const drafts = connect('edit', { drafts: 'alice' })
    await drafts.synced
    const item = new Y.Map<unknown>()
    item.set('id', 'alice-item')
    item.set('text', new Y.Text(SecretItem))
    getDraftBoxItems(drafts.doc, canvas.id, 'problem').push([item])
    const check = connect('edit', { drafts: 'alice' })
    await vi.waitFor(() => expect(getDraftBoxItems(check.doc, canvas.id, 'problem').length).toBe(1))

    const lock = (locked: boolean) =>
      call('/workshop', { type: 'lock', scope: { kind: 'canvas', canvasId: canvas.id }, locked })
    expect((await lock(true)).status).toBe(200)
    await setPrivate(false)
    expect(itemTexts(viewer.doc, canvas.id)).toEqual([])
    expect(getDraftBoxItems(check.doc, canvas.id, 'problem').length).toBe(1)

    expect((await lock(false)).status).toBe(200)
    await vi.waitFor(() => expect(itemTexts(viewer.doc, canvas.id)).toEqual([SecretItem]))
    await vi.waitFor(() => expect(getDraftBoxItems(check.doc, canvas.id, 'problem').length).toBe(0))
  })
})
