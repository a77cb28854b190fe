import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardCanvases } from '../../shared/doc/canvasDoc'
import { yText } from '../../shared/doc/ytext'
import { connectClient, createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  eventually,
  launchBrowser,
  newTab,
  openBoardMenu,
  openBoard,
  type BoardTab,
} from './browser'
import {
  addItemAndType,
  boxOf,
  canvasOn,
  focusedValue,
  insertFromPicker,
  itemTexts,
} from './canvasDriver'

let server: TestServer
let browser: Browser
const tabs: BoardTab[] = []

async function openTab(boardId: string): Promise<BoardTab> {
  const tab = await newTab(browser)
  tabs.push(tab)
  await openBoard(tab, server.url, boardId)
  return tab
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  for (const tab of tabs) expect(tab.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

describe('when a person inserts canvases from the template picker', () => {
  it('places one of each kind, and a second of a kind, with names, prompts and credit', async () => {
    const boardId = await createBoard(server.url, 'Framing session')
    const { page } = await openTab(boardId)

    const ids: Record<string, string> = {}
    // Each lands in view, beside the others rather than on top of them.
    const inView = (id: string) =>
      page.evaluate((shapeId) => {
        const editor = window.editor!
        const bounds = editor.getShapePageBounds(shapeId as never)
        return bounds !== undefined && editor.getViewportPageBounds().contains(bounds)
      }, `shape:canvas-${id}`)
    for (const kind of ['hypothesis', 'ml', 'lean', 'vsm']) {
      ids[kind] = await insertFromPicker(page, kind)
      await expect.poll(() => inView(ids[kind]!), eventually).toBe(true)
    }
    const overlapping = await page.evaluate(() => {
      const editor = window.editor!
      const bounds = editor.getCurrentPageShapes().map((shape) => editor.getShapePageBounds(shape)!)
      return bounds.some((a, i) => bounds.some((b, j) => i < j && a.collides(b)))
    })
    expect(overlapping).toBe(false)
    const secondLean = await insertFromPicker(page, 'lean')

    expect(new Set([...Object.values(ids), secondLean]).size).toBe(5)
    const shapes = await page.evaluate(
      () => window.editor!.getCurrentPageShapes().filter((s) => s.type === 'canvas').length,
    )
    expect(shapes).toBe(5)

    const lean = canvasOn(page, ids.lean!)
    await expect.poll(() => boxOf(lean, 'problem').textContent()).toContain('Top 1–3 problems.')
    expect(await lean.textContent()).toContain('Lean Canvas, by Ash Maurya')
    const ml = canvasOn(page, ids.ml!)
    expect(await boxOf(ml, 'predictionTask').textContent()).toContain('Prediction task')
    expect(await ml.textContent()).toContain('Louis Dorard')
    const hypothesis = canvasOn(page, ids.hypothesis!)
    expect(await hypothesis.textContent()).toContain('We believe that')
    expect(await canvasOn(page, ids.vsm!).getByTestId('vsm-current').count()).toBe(1)
  })
})

describe('when a person works a box by keyboard', () => {
  it('adds, reorders, deletes and moves items without the mouse', { timeout: 60_000 }, async () => {
    const boardId = await createBoard(server.url, 'Keyboard')
    const { page } = await openTab(boardId)
    const canvas = canvasOn(page, await insertFromPicker(page, 'lean'))
    const problem = boxOf(canvas, 'problem')

    await addItemAndType(page, problem, 'one')
    await page.keyboard.press('Enter')
    await page.keyboard.type('two')
    await page.keyboard.press('Enter')
    await page.keyboard.type('three')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'two', 'three'])

    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'three', 'two'])
    // The moved item keeps the focus: typing goes on in it.
    await page.keyboard.type('!')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'three!', 'two'])

    await page.keyboard.press('Enter')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'three!', '', 'two'])
    await page.keyboard.press('Backspace')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'three!', 'two'])
    await expect.poll(() => focusedValue(page), eventually).toBe('three!')

    // Tab moves on to the next item, then to the box's add button, like any form.
    await page.keyboard.press('Tab')
    await expect.poll(() => focusedValue(page), eventually).toBe('two')
    await page.keyboard.press('Tab')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), eventually)
      .toBe('+ Add item to Problem')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => focusedValue(page), eventually).toBe('three!')

    await page.keyboard.press('Alt+ArrowRight')
    await expect.poll(() => itemTexts(problem), eventually).toEqual(['one', 'two'])
    await expect
      .poll(() => itemTexts(boxOf(canvas, 'existingAlternatives')), eventually)
      .toEqual(['three!'])
  })
})

describe('when a person drags an item onto another box', () => {
  it('moves the item there', async () => {
    const boardId = await createBoard(server.url, 'Drag')
    const { page } = await openTab(boardId)
    const canvas = canvasOn(page, await insertFromPicker(page, 'ml'))
    await addItemAndType(page, boxOf(canvas, 'features'), 'days since signup')
    await page.keyboard.press('Escape')

    const item = boxOf(canvas, 'features').getByTestId('box-item').first()
    await item.hover()
    await item.locator('.box-item-handle').dragTo(boxOf(canvas, 'dataSources'))

    await expect
      .poll(() => itemTexts(boxOf(canvas, 'dataSources')), eventually)
      .toEqual(['days since signup'])
    expect(await itemTexts(boxOf(canvas, 'features'))).toEqual([])
  })

  it('turns a sticky dropped on a box into an item of that box', async () => {
    const boardId = await createBoard(server.url, 'Stickies')
    const { page } = await openTab(boardId)
    const canvasId = await insertFromPicker(page, 'lean')
    const canvas = canvasOn(page, canvasId)
    const target = boxOf(canvas, 'channels')

    // A sticky below the canvas, everything zoomed to fit on screen.
    const noteCenter = await page.evaluate(() => {
      const editor = window.editor!
      const canvasShape = editor.getCurrentPageShapes().find((s) => s.type === 'canvas')!
      const bounds = editor.getShapePageBounds(canvasShape)!
      editor.createShape({
        id: 'shape:sticky' as never,
        type: 'note',
        x: bounds.minX + 20,
        y: bounds.maxY + 40,
        props: {
          richText: {
            type: 'doc',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'Partner resellers' }] },
            ],
          },
        },
      })
      editor.zoomToFit()
      const noteBounds = editor.getShapePageBounds('shape:sticky' as never)!
      const screen = editor.pageToViewport(noteBounds.center)
      const container = editor.getContainer().getBoundingClientRect()
      return { x: container.left + screen.x, y: container.top + screen.y }
    })
    const box = (await target.boundingBox())!
    await page.mouse.move(noteCenter.x, noteCenter.y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 })
    await expect
      .poll(() => page.evaluate(() => window.editor!.inputs.getIsDragging()), eventually)
      .toBe(true)
    // The box it would land in lights up while the sticky is over it.
    await expect.poll(() => target.getAttribute('class'), eventually).toContain('is-drop-target')
    await page.mouse.up()

    await expect.poll(() => itemTexts(target), eventually).toEqual(['Partner resellers'])
    expect(
      await page.evaluate(() => window.editor!.getShape('shape:sticky' as never)),
    ).toBeUndefined()
  })
})

describe('when a canvas is created through the REST API', () => {
  it('appears on every open screen at once, as one shape', async () => {
    const boardId = await createBoard(server.url, 'API')
    const [alice, bob] = await Promise.all([openTab(boardId), openTab(boardId)])

    const response = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'lean',
        title: 'From the pipeline',
        boxes: { problem: ['Slow onboarding'] },
      }),
    })
    expect(response.status).toBe(201)
    const { id } = (await response.json()) as { id: string }

    for (const { page } of [alice, bob]) {
      const canvas = canvasOn(page, id)
      await expect
        .poll(() => itemTexts(boxOf(canvas, 'problem')), eventually)
        .toEqual(['Slow onboarding'])
      await expect
        .poll(() => canvas.getByTestId('canvas-title').inputValue(), eventually)
        .toBe('From the pipeline')
    }
    for (const { page } of [alice, bob]) {
      expect(
        await page.evaluate(() =>
          window
            .editor!.getCurrentPageShapes()
            .filter((s) => s.type === 'canvas')
            .map((s) => s.id),
        ),
      ).toEqual([`shape:canvas-${id}`])
    }

    // Deleted through the API, it leaves every screen too.
    await fetch(`${server.url}/api/boards/${boardId}/canvases/${id}`, { method: 'DELETE' })
    for (const { page } of [alice, bob]) {
      await expect.poll(() => canvasOn(page, id).count(), eventually).toBe(0)
    }
  })
})

describe('when a box holds more items than it shows', () => {
  it('scrolls the box under the wheel instead of panning the board', async () => {
    const boardId = await createBoard(server.url, 'Long box')
    const items = Array.from({ length: 30 }, (_, i) => `Problem number ${i + 1}`)
    const created = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'lean', boxes: { problem: items } }),
    })
    const { id } = (await created.json()) as { id: string }
    const { page } = await openTab(boardId)
    const list = boxOf(canvasOn(page, id), 'problem').locator('.canvas-box-items')
    await expect.poll(() => list.locator('textarea').count(), eventually).toBe(30)
    const camera = () => page.evaluate(() => window.editor!.getCamera())
    const before = await camera()

    const box = (await list.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, 300)

    await expect.poll(() => list.evaluate((el) => el.scrollTop), eventually).toBeGreaterThan(0)
    expect(await camera()).toEqual(before)
  })
})

describe('when a board holds a canvas written by an older version', () => {
  it('opens it with its items under the current box names', async () => {
    const boardId = await createBoard(server.url, 'Old board')
    const client = connectClient(server.wsUrl, boardId)
    await client.synced
    // Version 0 stored the Machine Learning Canvas under its v0.4 box names, with no version.
    client.doc.transact(() => {
      const canvas = new Y.Map<unknown>()
      getBoardCanvases(client.doc).set('oldMlCanvas1', canvas)
      canvas.set('kind', 'ml')
      canvas.set('title', yText('Churn (2019)'))
      const boxes = new Y.Map<unknown>()
      canvas.set('boxes', boxes)
      const items = new Y.Array<Y.Map<unknown>>()
      boxes.set('mlTask', items)
      const item = new Y.Map<unknown>()
      item.set('id', 'oldItem01')
      item.set('text', yText('Predict churn'))
      items.push([item])
    })
    const { page } = await openTab(boardId)
    client.destroy()

    const canvas = canvasOn(page, 'oldMlCanvas1')
    await expect
      .poll(() => itemTexts(boxOf(canvas, 'predictionTask')), eventually)
      .toEqual(['Predict churn'])
  })
})

describe('when a person deletes a canvas shape', () => {
  it('deletes the canvas, and undo brings it back with its content', async () => {
    const boardId = await createBoard(server.url, 'Undo')
    const { page } = await openTab(boardId)
    const id = await insertFromPicker(page, 'lean')
    await addItemAndType(page, boxOf(canvasOn(page, id), 'solution'), 'self-serve setup')
    await page.keyboard.press('Escape')
    const list = async () =>
      (
        (await (await fetch(`${server.url}/api/boards/${boardId}/canvases`)).json()) as {
          canvases: { id: string }[]
        }
      ).canvases.map((c) => c.id)
    await expect.poll(list, eventually).toEqual([id])

    await page.evaluate((shapeId) => {
      window.editor!.deleteShapes([shapeId as never])
    }, `shape:canvas-${id}`)
    await expect.poll(list, eventually).toEqual([])

    await page.evaluate(() => {
      window.editor!.undo()
    })
    await expect.poll(list, eventually).toEqual([id])
    await expect
      .poll(() => itemTexts(boxOf(canvasOn(page, id), 'solution')), eventually)
      .toEqual(['self-serve setup'])
  })
})

describe('when a person duplicates a canvas shape', () => {
  it('gets a second canvas with a copy of the content and ids of its own', async () => {
    const boardId = await createBoard(server.url, 'Duplicate')
    const { page } = await openTab(boardId)
    const id = await insertFromPicker(page, 'lean')
    await addItemAndType(page, boxOf(canvasOn(page, id), 'problem'), 'churn after trial')
    await page.keyboard.press('Escape')

    await page.evaluate((shapeId) => {
      window.editor!.duplicateShapes([shapeId as never], { x: 40, y: 40 })
    }, `shape:canvas-${id}`)

    const canvases = async () =>
      (
        (await (await fetch(`${server.url}/api/boards/${boardId}/canvases`)).json()) as {
          canvases: { id: string; boxes: Record<string, { id: string; text: string }[]> }[]
        }
      ).canvases
    await expect.poll(async () => (await canvases()).length, eventually).toBe(2)
    const [original, copy] = await canvases()
    expect(copy!.boxes.problem!.map((i) => i.text)).toEqual(['churn after trial'])
    expect(copy!.boxes.problem![0]!.id).not.toBe(original!.boxes.problem![0]!.id)
    // One shape per canvas, each with the id derived from its canvas.
    expect(
      await page.evaluate(() =>
        window
          .editor!.getCurrentPageShapes()
          .filter((s) => s.type === 'canvas')
          .map((s) => s.id)
          .sort(),
      ),
    ).toEqual([`shape:canvas-${original!.id}`, `shape:canvas-${copy!.id}`].sort())
  })
})

describe('when a person downloads a canvas and the board as markdown', () => {
  it('gets files with what was typed', async () => {
    const boardId = await createBoard(server.url, 'Export')
    const { page } = await openTab(boardId)
    const canvas = canvasOn(page, await insertFromPicker(page, 'hypothesis'))
    await addItemAndType(page, boxOf(canvas, 'problem'), 'Carts abandoned at | shipping')
    await canvas.locator('[data-field-key="belief"]').click()
    await page.keyboard.type('free shipping over 50 €')
    await page.keyboard.press('Escape')
    await expect
      .poll(async () => {
        const res = await fetch(`${server.url}/api/boards/${boardId}/export.md`)
        return res.text()
      }, eventually)
      .toContain('free shipping over 50 €')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      canvas.getByTestId('download-canvas').click(),
    ])
    const text = await readFile((await download.path())!, 'utf8')
    expect(download.suggestedFilename()).toMatch(/\.md$/)
    expect(text).toContain('Carts abandoned at \\| shipping')
    expect(text).toContain('free shipping over 50 €')

    await openBoardMenu(page)
    const [boardDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-board').click(),
    ])
    expect(await readFile((await boardDownload.path())!, 'utf8')).toContain('Carts abandoned at')
  })
})

describe('when a person imports a markdown file', () => {
  it('creates its canvases on the board, and names the line of a malformed file', async () => {
    const source = await createBoard(server.url, 'Source')
    await fetch(`${server.url}/api/boards/${source}/canvases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'ml', title: 'Churn model', boxes: { features: ['tenure'] } }),
    })
    const markdown = await (await fetch(`${server.url}/api/boards/${source}/export.md`)).text()

    const boardId = await createBoard(server.url, 'Target')
    const { page } = await openTab(boardId)
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        markdown.replace('<!-- box key="features" -->', '<!-- box key="nope" -->'),
      ),
    })
    const error = page.getByTestId('error-banner')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/line \d+: a ml canvas has no box "nope"/)
    expect(await page.locator('[data-testid="canvas-card"]').count()).toBe(0)

    await page.getByTestId('import-file').setInputFiles({
      name: 'board.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(markdown),
    })
    const imported = page.locator('[data-testid="canvas-card"][data-kind="ml"]')
    await expect.poll(() => imported.count(), eventually).toBe(1)
    await expect.poll(() => itemTexts(boxOf(imported, 'features')), eventually).toEqual(['tenure'])
  })
})
