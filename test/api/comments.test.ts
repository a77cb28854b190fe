import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '../../shared/api/links.js'
import { CommentLimits, ThreadSchema, type Thread } from '../../shared/comments/comments.js'
import { readThreads } from '../../shared/doc/commentsDoc.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import { connectClient, createOwnedBoard, keyOf, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

/** A participant secret as a browser keeps it, one per person. */
const secret = (who: string) => `${who}-`.padEnd(40, 'x')

async function commentedBoard() {
  const s = await startTestServer({ env: { OPEN_INSTANCE: 'false' } })
  servers.push(s)
  const board = await createOwnedBoard(s.url, 'Retro')
  const call = async (
    role: Role,
    who: string | null,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ) => {
    const res = await fetch(`${s.url}/api/boards/${board.id}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${keyOf(board, role)}`,
        ...(who === null ? {} : { 'x-participant': secret(who) }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : undefined }
  }
  /** Someone who joined the board with a name (presence records it). */
  const join = async (role: Role, who: string, name: string) => {
    const client = connectClient(s.wsUrl, board.id, {
      params: { key: keyOf(board, role), [ParticipantParam]: secret(who) },
    })
    clients.push(client)
    await client.synced
    client.provider.awareness.setLocalState({
      user: { id: participantIdOf(secret(who)), name, color: '#2f9e44' },
    })
    return client
  }
  /** A standard y-websocket client of the board's comments, as screens read them live. */
  const watchComments = async (role: Role) => {
    const client = connectClient(s.wsUrl, board.id, {
      params: { key: keyOf(board, role), comments: '1' },
    })
    clients.push(client)
    await client.synced
    return client
  }
  return { s, board, call, join, watchComments }
}

const point = { kind: 'point', x: 10, y: 20 }

describe('comments on a board', () => {
  it('lets commenters start a thread, reply with a mention, resolve and reopen it, live on every screen', async () => {
    const { call, join, watchComments, s, board } = await commentedBoard()
    await join('comment', 'cora', 'Cora')
    await join('edit', 'eddie', 'Eddie')
    const viewerScreen = await watchComments('view')

    // Their names are on record once their presence has reached the server.
    await vi.waitFor(async () =>
      expect((await s.server.context.persistence.listParticipants(board.id)).length).toBe(2),
    )
    const started = await call('comment', 'cora', '/comments', {
      body: {
        target: { kind: 'shape', shapeId: 'shape:sticky-1' },
        text: 'Is this the real problem?',
      },
    })
    expect(started.status).toBe(201)
    const list = await call('view', 'vic', '/comments')
    expect(list.status).toBe(200)
    const [thread] = list.json.threads as Thread[]
    expect(ThreadSchema.parse(thread)).toMatchObject({
      target: { kind: 'shape', shapeId: 'shape:sticky-1' },
      by: { id: participantIdOf(secret('cora')), name: 'Cora' },
      resolvedAt: null,
      comments: [{ text: 'Is this the real problem?', deletedAt: null, editedAt: null }],
    })

    const eddie = participantIdOf(secret('eddie'))
    const reply = await call('edit', 'eddie', `/comments/${thread!.id}/replies`, {
      body: { text: '@Cora yes, see the interviews', mentions: [eddie] },
    })
    expect(reply.status).toBe(201)
    expect(reply.json.comments.map((c: { by: { name: string } }) => c.by.name)).toEqual([
      'Cora',
      'Eddie',
    ])
    expect(reply.json.comments[1].mentions).toEqual([eddie])

    const resolved = await call('comment', 'cora', `/comments/${thread!.id}/resolve`, { body: {} })
    expect(resolved.status).toBe(200)
    expect(resolved.json.resolvedBy.name).toBe('Cora')
    await vi.waitFor(() => {
      const seen = readThreads(viewerScreen.doc)
      expect(seen).toHaveLength(1)
      expect(seen[0]!.comments).toHaveLength(2)
      expect(seen[0]!.resolvedAt).not.toBeNull()
    })
    const reopened = await call('edit', 'eddie', `/comments/${thread!.id}/reopen`, { body: {} })
    expect(reopened.json.resolvedAt).toBeNull()
    await vi.waitFor(() => expect(readThreads(viewerScreen.doc)[0]!.resolvedAt).toBeNull())
  })

  it('lets only its author edit or delete a comment; a deleted one keeps its place without its text', async () => {
    const { call } = await commentedBoard()
    const thread = (
      await call('comment', 'cora', '/comments', {
        body: { target: point, text: 'First', name: 'Cora' },
      })
    ).json as Thread
    const commentId = thread.comments[0]!.id
    const path = `/comments/${thread.id}/${commentId}`

    const byOther = await call('edit', 'eddie', path, {
      method: 'PATCH',
      body: { text: 'Mine now' },
    })
    expect(byOther.status).toBe(403)
    expect(byOther.json.error.message).toMatch(/Only its author/)
    expect((await call('owner', 'olga', path, { method: 'DELETE' })).status).toBe(403)

    const edited = await call('comment', 'cora', path, {
      method: 'PATCH',
      body: { text: 'First, edited' },
    })
    expect(edited.status).toBe(200)
    expect(edited.json.comments[0]).toMatchObject({ text: 'First, edited' })
    expect(edited.json.comments[0].editedAt).not.toBeNull()

    const deleted = await call('comment', 'cora', path, { method: 'DELETE' })
    expect(deleted.status).toBe(200)
    expect(deleted.json.comments[0]).toMatchObject({ text: '' })
    expect(deleted.json.comments[0].deletedAt).not.toBeNull()
    expect((await call('comment', 'cora', path, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses bad input with a clear error and changes nothing', async () => {
    const { call } = await commentedBoard()
    const cases: [string, Role, string | null, string, unknown, number, RegExp?][] = [
      ['a viewer writing', 'view', 'vic', '/comments', { target: point, text: 'Hi' }, 403],
      ['no participant secret', 'comment', null, '/comments', { target: point, text: 'Hi' }, 400],
      [
        'a bad target',
        'comment',
        'cora',
        '/comments',
        { target: { kind: 'item', canvasId: 'x' }, text: 'Hi' },
        400,
      ],
      [
        'an empty text',
        'comment',
        'cora',
        '/comments',
        { target: point, text: '   ' },
        400,
        /must not be empty/,
      ],
      [
        'a text too long',
        'comment',
        'cora',
        '/comments',
        { target: point, text: 'x'.repeat(CommentLimits.text + 1) },
        400,
        /at most 4000/,
      ],
      [
        'a mention of someone never on the board',
        'comment',
        'cora',
        '/comments',
        { target: point, text: 'Hi @Zed', mentions: ['0'.repeat(32)] },
        400,
        /only mention people who joined/,
      ],
      [
        'an unknown field',
        'comment',
        'cora',
        '/comments',
        { target: point, text: 'Hi', extra: 1 },
        400,
      ],
      [
        'a reply to no thread',
        'comment',
        'cora',
        '/comments/nothread00/replies',
        { text: 'Hi' },
        404,
      ],
    ]
    for (const [what, role, who, path, body, status, message] of cases) {
      const res = await call(role, who, path, { body })
      expect(res.status, what).toBe(status)
      expect(res.json.error.code, what).toBeTypeOf('string')
      if (message) expect(JSON.stringify(res.json.error), what).toMatch(message)
    }
    expect((await call('view', 'vic', '/comments')).json.threads).toEqual([])
  })

  it('keeps comments written only by the server: a screen writing to them is ignored', async () => {
    const { call, watchComments } = await commentedBoard()
    const screen = await watchComments('edit')
    const forged = new Y.Doc()
    forged.getMap('threads').set('forged0001', new Y.Map())
    Y.applyUpdate(screen.doc, Y.encodeStateAsUpdate(forged))
    const later = await watchComments('view')
    await later.synced
    expect(later.doc.getMap('threads').size).toBe(0)
    expect((await call('view', 'vic', '/comments')).json.threads).toEqual([])
  })

  it('answers 410 for a deleted board and closes its comment screens', async () => {
    const { call, watchComments, s, board } = await commentedBoard()
    const screen = await watchComments('view')
    const closed = screen.closed
    expect(
      (
        await fetch(`${s.url}/api/boards/${board.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${board.ownerKey}` },
        })
      ).status,
    ).toBe(200)
    expect((await closed).code).toBe(4410)
    expect(
      (await call('comment', 'cora', '/comments', { body: { target: point, text: 'Hi' } })).status,
    ).toBe(410)
  })
})

describe('comments in the exports', () => {
  it('lists the open threads under what they are pinned to in the board export and the summary, not the resolved ones', async () => {
    const { call, s, board } = await commentedBoard()
    const canvas = await call('edit', 'eddie', '/canvases', {
      body: { kind: 'lean', title: 'Churn', boxes: { problem: ['Users forget'] } },
    })
    const item = canvas.json.boxes.problem[0] as { id: string }
    const open = await call('comment', 'cora', '/comments', {
      body: {
        target: { kind: 'item', canvasId: canvas.json.id, itemId: item.id },
        text: 'Which users?',
        name: 'Cora',
      },
    })
    await call('edit', 'eddie', `/comments/${open.json.id}/replies`, {
      body: { text: 'New ones', name: 'Eddie' },
    })
    const resolved = await call('comment', 'cora', '/comments', {
      body: { target: point, text: 'Settled already', name: 'Cora' },
    })
    await call('comment', 'cora', `/comments/${resolved.json.id}/resolve`, { body: {} })

    const get = async (path: string) =>
      (
        await fetch(`${s.url}/api/boards/${board.id}${path}`, {
          headers: { authorization: `Bearer ${board.ownerKey}` },
        })
      ).text()
    const day = new Date().toISOString().slice(0, 10)
    for (const markdown of [await get('/export.md'), await get('/workshop/summary.md')]) {
      expect(markdown).toContain(
        [
          '## Comments',
          '<!-- comments -->',
          '',
          '### Churn › Problem: “Users forget”',
          '',
          `- Cora (${day}): Which users?`,
          `  - Eddie (${day}): New ones`,
        ].join('\n'),
      )
      expect(markdown).not.toContain('Settled already')
    }
    // The section is for reading: importing the export brings the canvas, not the comments.
    const copy = await createOwnedBoard(s.url, 'Copy')
    const imported = await fetch(`${s.url}/api/boards/${copy.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${copy.ownerKey}`, 'content-type': 'text/markdown' },
      body: await get('/export.md'),
    })
    expect(imported.status).toBe(201)
    const copied = await fetch(`${s.url}/api/boards/${copy.id}/comments`, {
      headers: { authorization: `Bearer ${copy.ownerKey}` },
    })
    expect((await copied.json()).threads).toEqual([])
  })
})
