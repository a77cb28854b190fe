import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { getBoardCanvases, getBoxItems, readCanvas } from '../../shared/doc/canvasDoc.js'
import { connectClient, createBoard, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

/** Types `text` one character per transaction, the way an editor sends keystrokes. */
function typeInto(target: () => Y.Text, text: string, at: (typed: number) => number) {
  ;[...text].forEach((ch, typed) => target().insert(at(typed), ch))
}

async function boardWithCanvas(): Promise<{ boardId: string; canvasId: string; itemId: string }> {
  const boardId = await createBoard(server.url)
  const res = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'lean', boxes: { problem: ['shared item'] } }),
  })
  const canvas = (await res.json()) as { id: string; boxes: { problem: { id: string }[] } }
  return { boardId, canvasId: canvas.id, itemId: canvas.boxes.problem[0]!.id }
}

describe('concurrent typing on a canvas', () => {
  describe('when several people type in different boxes and the same item at once', () => {
    it('keeps every character of every person on every screen', async () => {
      const { boardId, canvasId } = await boardWithCanvas()
      const people: TestClient[] = Array.from({ length: 4 }, () =>
        connectClient(server.wsUrl, boardId),
      )
      await Promise.all(people.map((p) => p.synced))
      await vi.waitFor(() =>
        people.forEach((p) => expect(getBoardCanvases(p.doc).has(canvasId)).toBe(true)),
      )

      const canvasOf = (p: TestClient) => getBoardCanvases(p.doc).get(canvasId)!
      const sharedText = (p: TestClient) =>
        getBoxItems(canvasOf(p), 'problem').get(0).get('text') as Y.Text
      const boxes = ['solution', 'channels', 'keyMetrics', 'costStructure']

      // Everyone starts at the same moment: each adds an item to their own box and types into
      // it, and everyone also types into the same shared item (at its start and its end).
      people.forEach((p, i) => {
        const items = getBoxItems(canvasOf(p), boxes[i]!)
        const item = new Y.Map<unknown>()
        item.set('id', `typed-item-${i}`)
        item.set('text', new Y.Text())
        items.push([item])
        typeInto(
          () => items.get(0).get('text') as Y.Text,
          `person ${i} writes here`,
          () => (items.get(0).get('text') as Y.Text).length,
        )
        typeInto(
          () => sharedText(p),
          `[${i}]`,
          (typed) => (i % 2 === 0 ? typed : sharedText(p).length),
        )
      })

      await vi.waitFor(() => {
        const contents = people.map((p) => readCanvas(canvasId, canvasOf(p)))
        for (const c of contents) expect(c).toEqual(contents[0])
        const c = contents[0]!
        boxes.forEach((box, i) =>
          expect(c.boxes[box]!.map((x) => x.text)).toEqual([`person ${i} writes here`]),
        )
        const shared = c.boxes.problem![0]!.text
        expect(shared).toContain('shared item')
        for (let i = 0; i < people.length; i++) expect(shared).toContain(`[${i}]`)
        expect(shared.length).toBe('shared item'.length + people.length * 3)
      })
      people.forEach((p) => p.destroy())
    })
  })
})
