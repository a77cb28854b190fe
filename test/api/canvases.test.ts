import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { toRichText } from '@tldraw/tlschema'
import { getBoardCanvases, readCanvas } from '../../shared/doc/canvasDoc.js'
import { encodeRecord } from '../../shared/doc/layout.js'
import { ExportMarker } from '../../shared/markdown/format.js'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant.js'
import { connectClient, createBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

const api = async (path: string, method = 'GET', body?: unknown, type = 'application/json') => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
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

describe('canvas API', () => {
  it('creates a canvas of each kind from strings and reads it back by box key', async () => {
    const boardId = await createBoard(server.url)
    const lean = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'lean',
      title: 'Marketplace',
      boxes: { problem: ['Buyers cannot find sellers', 'Fees are high'], channels: ['SEO'] },
    })
    expect(lean.status).toBe(201)
    expect(lean.json.boxes.problem.map((i: { text: string }) => i.text)).toEqual([
      'Buyers cannot find sellers',
      'Fees are high',
    ])
    expect(lean.json.boxes.unfairAdvantage).toEqual([])

    const hyp = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'hypothesis',
      belief: 'a one-page checkout',
      expectedResult: 'more orders',
      successSignal: 'conversion reaches 5 %',
      metrics: [
        {
          key: 'conversion',
          kind: 'success',
          unit: '%',
          baseline: { value: 4.1 },
          target: { value: 5 },
        },
      ],
    })
    expect(hyp.status).toBe(201)
    expect(hyp.json.fields.belief).toBe('a one-page checkout')
    expect(hyp.json.metrics[0]).toMatchObject({
      key: 'conversion',
      baseline: { value: 4.1 },
      target: { value: 5 },
    })

    const vsm = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'vsm',
      current: [
        { name: 'A', processMinutes: 120, leadMinutes: 480, completeAccuratePct: 90 },
        { name: 'B', processMinutes: 60, leadMinutes: 1440, completeAccuratePct: 80 },
        { name: 'C', processMinutes: 240, leadMinutes: 2400, completeAccuratePct: 95 },
      ],
    })
    expect(vsm.status).toBe(201)
    expect(vsm.json.figures.current.activityRatio).toBeCloseTo(7 / 72)
    expect(vsm.json.figures.current.rolledCompleteAccurate).toBeCloseTo(0.684)

    const ml = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'ml',
      boxes: { features: ['tenure'] },
    })
    expect(ml.status).toBe(201)

    const list = await api(`/api/boards/${boardId}/canvases`)
    expect(list.json.canvases.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'hypothesis',
      'lean',
      'ml',
      'vsm',
    ])
  })

  it.each([
    ['an unknown kind', { kind: 'swot' }],
    ['a box the kind does not have', { kind: 'lean', boxes: { features: ['x'] } }],
    ['metrics on a lean canvas', { kind: 'lean', metrics: [{ key: 'x' }] }],
    [
      'a step whose lead time is below its process time',
      { kind: 'vsm', current: [{ name: 'A', processMinutes: 5, leadMinutes: 1 }] },
    ],
    ['an item that is not a string', { kind: 'lean', boxes: { problem: [42] } }],
  ])('refuses %s with a 400 and creates nothing', async (_name, body) => {
    const boardId = await createBoard(server.url)
    const res = await api(`/api/boards/${boardId}/canvases`, 'POST', body)
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('invalid_body')
    expect((await api(`/api/boards/${boardId}/canvases`)).json.canvases).toEqual([])
  })

  it('PATCH changes what it names and nothing else', async () => {
    const boardId = await createBoard(server.url)
    const created = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'lean',
      title: 'Before',
      boxes: { problem: ['one', 'two'], solution: ['keep me'] },
    })
    const [one] = created.json.boxes.problem
    const patched = await api(`/api/boards/${boardId}/canvases/${created.json.id}`, 'PATCH', {
      boxes: { problem: [{ id: one.id, text: 'one, edited' }, 'three'] },
    })
    expect(patched.status).toBe(200)
    expect(patched.json.title).toBe('Before')
    expect(patched.json.boxes.solution).toEqual(created.json.boxes.solution)
    expect(patched.json.boxes.problem.map((i: { text: string }) => i.text)).toEqual([
      'one, edited',
      'three',
    ])
    expect(patched.json.boxes.problem[0].id).toBe(one.id)
  })

  it('deletes a canvas', async () => {
    const boardId = await createBoard(server.url)
    const created = await api(`/api/boards/${boardId}/canvases`, 'POST', { kind: 'ml' })
    expect((await api(`/api/boards/${boardId}/canvases/${created.json.id}`, 'DELETE')).status).toBe(
      204,
    )
    expect((await api(`/api/boards/${boardId}/canvases/${created.json.id}`)).status).toBe(404)
  })

  describe('when a board is open in a client', () => {
    it('shows a change made through the API at once, as if typed', async () => {
      const boardId = await createBoard(server.url)
      const client = connectClient(server.wsUrl, boardId)
      await client.synced
      const created = await api(`/api/boards/${boardId}/canvases`, 'POST', {
        kind: 'lean',
        boxes: { problem: ['p'] },
      })
      await vi.waitFor(() => expect(getBoardCanvases(client.doc).has(created.json.id)).toBe(true))
      // The client types into the item while the API appends another one: both survive.
      const canvas = getBoardCanvases(client.doc).get(created.json.id)!
      const items = (canvas.get('boxes') as Y.Map<Y.Array<Y.Map<unknown>>>).get('problem')!
      ;(items.get(0).get('text') as Y.Text).insert(1, 'ricing')
      await api(`/api/boards/${boardId}/canvases/${created.json.id}`, 'PATCH', {
        boxes: { problem: [{ id: created.json.boxes.problem[0].id }, 'second'] },
      })
      await vi.waitFor(() =>
        expect(readCanvas(created.json.id, canvas)!.boxes.problem!.map((i) => i.text)).toEqual([
          'pricing',
          'second',
        ]),
      )
      client.destroy()
    })
  })

  describe('markdown', () => {
    it('exports a board and a canvas as text/markdown and imports them back unchanged', async () => {
      const boardId = await createBoard(server.url, 'Export | me')
      const created = await api(`/api/boards/${boardId}/canvases`, 'POST', {
        kind: 'lean',
        boxes: { problem: ['<b>bold</b> | pipe\nnewline 🚀'] },
      })
      const canvasMd = await api(`/api/boards/${boardId}/canvases/${created.json.id}/export.md`)
      expect(canvasMd.type).toMatch(/^text\/markdown/)
      const board = await api(`/api/boards/${boardId}/export.md`)
      expect(board.text).toContain('# Export \\| me')

      const target = await createBoard(server.url, 'Export | me')
      const imported = await api(
        `/api/boards/${target}/import`,
        'POST',
        board.text,
        'text/markdown',
      )
      expect(imported.status).toBe(201)
      expect(imported.json.ids).toEqual([created.json.id])
      expect((await api(`/api/boards/${target}/export.md`)).text).toBe(board.text)
    })

    it('refuses a malformed file with a 400 naming the line, and changes nothing', async () => {
      const boardId = await createBoard(server.url)
      const res = await api(
        `/api/boards/${boardId}/import`,
        'POST',
        '# just a heading\n',
        'text/markdown',
      )
      expect(res.status).toBe(400)
      expect(res.json.error.details).toEqual({ line: 1 })
      expect(res.json.error.message).toMatch(/line 1/)
      expect((await api(`/api/boards/${boardId}/canvases`)).json.canvases).toEqual([])
    })

    describe('when people drew stickies on the board', () => {
      /** Stickies in a frame and outside it, an arrow between two, written as a screen does. */
      function drawRetro(records: Y.Map<unknown>, ann: string) {
        const put = (record: { id: string } & Record<string, unknown>) =>
          records.set(record.id, encodeRecord(record))
        let index = 0
        const shape = (
          id: string,
          type: string,
          parentId: string,
          x: number,
          y: number,
          props: object,
          by?: string,
        ) =>
          put({
            typeName: 'shape',
            id,
            type,
            parentId,
            x,
            y,
            rotation: 0,
            index: `a${++index}`,
            isLocked: false,
            opacity: 1,
            props,
            meta: by ? { createdBy: by, createdAt: 1 } : {},
          })
        const note = (text: string) => ({ richText: toRichText(text), growY: 0, scale: 1 })
        records.doc!.transact(() => {
          put({ typeName: 'page', id: 'page:page', name: 'Page 1', index: 'a1', meta: {} })
          shape('shape:went', 'frame', 'page:page', 0, 0, {
            w: 800,
            h: 400,
            name: 'What went well',
          })
          shape('shape:demo', 'note', 'shape:went', 300, 40, note('The demo'), ann)
          shape('shape:pairing', 'note', 'shape:went', 20, 50, note('Pairing'), ann)
          shape('shape:later', 'note', 'page:page', 0, 600, note('Ask | later'))
          shape('shape:arrow', 'arrow', 'shape:went', 0, 0, { richText: toRichText('led to') })
          for (const [terminal, toId] of [
            ['start', 'shape:pairing'],
            ['end', 'shape:demo'],
          ]) {
            put({
              typeName: 'binding',
              id: `binding:${terminal}`,
              type: 'arrow',
              fromId: 'shape:arrow',
              toId,
              props: {
                terminal,
                normalizedAnchor: { x: 0.5, y: 0.5 },
                isExact: false,
                isPrecise: false,
              },
              meta: {},
            })
          }
        })
      }

      it('exports them through the REST route, under their frame, with their author and the arrow', async () => {
        const boardId = await createBoard(server.url, 'Retro')
        const secret = 'ann-secret-'.padEnd(40, 'x')
        const client = connectClient(server.wsUrl, boardId, {
          params: { [ParticipantParam]: secret },
        })
        await client.synced
        // Ann is on the board under her name: the server notes it, and the export uses it.
        const ann = participantIdOf(secret)
        client.provider.awareness.setLocalState({
          user: { id: ann, name: 'Ann', color: '#2f9e44' },
        })
        drawRetro(client.records, ann)

        const drawn = [
          '## Stickies and shapes',
          '<!-- drawings -->',
          '',
          '### What went well',
          '',
          '- Pairing — Ann',
          '- The demo — Ann',
          '- Pairing → The demo (led to)',
          '',
          '### Outside frames',
          '',
          '- Ask \\| later',
          '',
        ].join('\n')
        await vi.waitFor(async () => {
          const md = await api(`/api/boards/${boardId}/export.md`)
          expect(md.text).toBe(`${ExportMarker}\n\n# Retro\n\n${drawn}`)
        })
        const summary = await api(`/api/boards/${boardId}/workshop/summary.md`)
        expect(summary.text).toContain(`## Decisions\n\n_No decisions recorded._\n\n${drawn}`)
        expect(summary.text).not.toContain('No canvases')
        client.destroy()

        // The drawings are for reading: importing the file creates nothing and fails nothing.
        const target = await createBoard(server.url, 'Retro')
        const md = await api(`/api/boards/${boardId}/export.md`)
        const imported = await api(`/api/boards/${target}/import`, 'POST', md.text, 'text/markdown')
        expect(imported.status).toBe(201)
        expect(imported.json.ids).toEqual([])
        expect((await api(`/api/boards/${target}/export.md`)).text).toBe(
          `${ExportMarker}\n\n# Retro\n`,
        )
      })
    })
  })
})
