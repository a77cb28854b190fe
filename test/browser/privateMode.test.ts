import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { addItemAndType, boxOf, canvasOn, itemTexts } from './canvasDriver'
import {
  drawRectangle,
  eventually,
  hasShape,
  launchBrowser,
  newTab,
  waitForBoard,
  waitForShape,
  type BoardTab,
} from './browser'
import { createSharedBoardByApi, fitBoard, openLink, ownerApi } from './workshopDriver'

let server: TestServer
let browser: Browser
let alice: BoardTab
let bob: BoardTab
let asOwner: ReturnType<typeof ownerApi>
let canvasId: string
/** Everything Bob's sockets received, as text: private words must never be in it. */
let bobReceived: string[] = []

/** Whether the page's editor hides a shape (it is in the store either way). */
const isHidden = (page: Page, id: string) =>
  page.evaluate((id) => window.editor!.isShapeHidden(id as never), id)

/** Draws a sticky note with the note tool and types into it; returns its shape id. */
async function addSticky(page: Page, text: string, x: number, y: number): Promise<string> {
  const before = await noteIds(page)
  await page.evaluate(() => {
    window.editor!.setCurrentTool('note')
  })
  await page.mouse.click(x, y)
  await page.waitForFunction(
    () => (document.activeElement as HTMLElement | null)?.isContentEditable,
  )
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  const after = await noteIds(page)
  const id = after.find((n) => !before.includes(n))
  if (!id) throw new Error('no sticky was made')
  return id
}

const noteIds = (page: Page) =>
  page.evaluate(() =>
    window
      .editor!.getCurrentPageShapes()
      .filter((s) => s.type === 'note')
      .map((s) => s.id as string),
  )

const problemBox = (page: Page) => boxOf(canvasOn(page, canvasId), 'problem')

/** A rectangle is never private: once the other screen has it, an earlier leak would be there. */
async function afterMarker(from: Page, to: Page, id: string) {
  await drawRectangle(from, id, -600, 600)
  await waitForShape(to, id)
}

/** The ids of the notes a page's store holds. */
const heldNotes = noteIds

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[alice, bob] = await Promise.all([newTab(browser), newTab(browser)])
  bob.page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      bobReceived.push(typeof payload === 'string' ? payload : payload.toString('latin1'))
    })
  })
})

// Private mode holds for a whole board: each test has a board of its own, with one canvas.
beforeEach(async () => {
  const board = await createSharedBoardByApi(server.url, 'Idea round')
  asOwner = ownerApi(server.url, board)
  const canvas = await asOwner('/canvases', {
    kind: 'lean',
    title: 'Ideas',
    boxes: { problem: ['Known before'] },
  })
  canvasId = canvas.id
  bobReceived = []
  await Promise.all([openLink(alice, board.links.edit), openLink(bob, board.links.edit)])
  for (const tab of [alice, bob]) {
    await canvasOn(tab.page, canvasId).waitFor()
    await fitBoard(tab.page)
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** Turns private mode on or off for the board, and waits until both screens show it. */
async function setPrivateBoard(on: boolean): Promise<void> {
  await asOwner('/workshop', { type: 'private', scope: { kind: 'board' }, on })
  for (const tab of [alice, bob]) {
    await tab.page.getByTestId('private-banner').waitFor({ state: on ? 'visible' : 'detached' })
  }
}

describe('when the facilitator turns private mode on for the board', () => {
  it('keeps what was on the board before in view for everyone', async () => {
    const earlier = await addSticky(alice.page, 'Said out loud', 200, 650)
    await waitForShape(bob.page, earlier.replace('shape:', ''))
    await asOwner('/workshop', { type: 'private', scope: { kind: 'board' }, on: true })
    for (const tab of [alice, bob]) {
      await tab.page.getByTestId('private-banner').waitFor()
      expect(await isHidden(tab.page, earlier)).toBe(false)
    }
  })

  it("never sends anyone else a person's new stickies and items", async () => {
    await setPrivateBoard(true)
    const aliceSticky = await addSticky(alice.page, 'Alice alone', 360, 650)
    await addItemAndType(bob.page, problemBox(bob.page), 'Bob alone')
    await bob.page.keyboard.press('Escape')

    // Each sees their own.
    expect(await isHidden(alice.page, aliceSticky)).toBe(false)
    await expect
      .poll(() => itemTexts(problemBox(bob.page)), eventually)
      .toEqual(['Known before', 'Bob alone'])
    // Neither screen holds the other's: not hidden, never sent.
    await afterMarker(alice.page, bob.page, 'alice-marker')
    await afterMarker(bob.page, alice.page, 'bob-marker')
    expect(await hasShape(bob.page, aliceSticky.replace('shape:', ''))).toBe(false)
    expect(await itemTexts(problemBox(alice.page))).toEqual(['Known before'])
    expect(bobReceived.join('')).not.toContain('Alice alone')
    expect(await problemBox(alice.page).getAttribute('data-private-hidden')).toBeNull()
  })

  it('keeps private stickies and items through a reload, and shows them to all at the end', async () => {
    await setPrivateBoard(true)
    const aliceSticky = await addSticky(alice.page, 'Alice alone', 360, 650)
    await addItemAndType(alice.page, problemBox(alice.page), 'Alice item')
    await alice.page.keyboard.press('Escape')

    await alice.page.reload()
    await waitForBoard(alice.page)
    await waitForShape(alice.page, aliceSticky.replace('shape:', ''))
    expect(await isHidden(alice.page, aliceSticky)).toBe(false)
    await expect
      .poll(() => itemTexts(problemBox(alice.page)), eventually)
      .toEqual(['Known before', 'Alice item'])
    await afterMarker(alice.page, bob.page, 'alice-marker')
    expect(await hasShape(bob.page, aliceSticky.replace('shape:', ''))).toBe(false)
    expect(await itemTexts(problemBox(bob.page))).toEqual(['Known before'])
    await alice.page.screenshot({ path: 'test-results/private-mode-author-after-reload.png' })
    await bob.page.screenshot({ path: 'test-results/private-mode-before-reveal.png' })

    await setPrivateBoard(false)
    await waitForShape(bob.page, aliceSticky.replace('shape:', ''))
    await bob.page.locator(`[data-shape-id="${aliceSticky}"]`).waitFor()
    await expect
      .poll(() => itemTexts(problemBox(bob.page)), eventually)
      .toEqual(['Known before', 'Alice item'])
    // With its author and time, and once on Alice's screen too.
    const meta = (page: Page) =>
      page.evaluate((id) => window.editor!.getShape(id as never)?.meta, aliceSticky)
    expect(await meta(bob.page)).toEqual(await meta(alice.page))
    expect(await meta(bob.page)).toMatchObject({
      createdBy: expect.stringMatching(/^[0-9a-f]{32}$/),
      createdAt: expect.any(Number),
    })
    await expect
      .poll(() => itemTexts(problemBox(alice.page)), eventually)
      .toEqual(['Known before', 'Alice item'])
    expect((await heldNotes(alice.page)).filter((id) => id === aliceSticky)).toHaveLength(1)
    await bob.page.screenshot({ path: 'test-results/private-mode-after-reveal.png' })
  })

  it('reveals everything at once when it ends', async () => {
    await setPrivateBoard(true)
    const aliceSticky = await addSticky(alice.page, 'Alice alone', 360, 650)
    await addItemAndType(bob.page, problemBox(bob.page), 'Bob alone')
    await bob.page.keyboard.press('Escape')
    await afterMarker(alice.page, bob.page, 'alice-marker')
    await afterMarker(bob.page, alice.page, 'bob-marker')
    expect(await hasShape(bob.page, aliceSticky.replace('shape:', ''))).toBe(false)

    await asOwner('/workshop', { type: 'private', scope: { kind: 'board' }, on: false })
    await waitForShape(bob.page, aliceSticky.replace('shape:', ''))
    expect(await isHidden(bob.page, aliceSticky)).toBe(false)
    await bob.page.locator(`[data-shape-id="${aliceSticky}"]`).waitFor()
    await expect
      .poll(() => itemTexts(problemBox(alice.page)), eventually)
      .toEqual(['Known before', 'Bob alone'])
    for (const tab of [alice, bob]) {
      expect(await tab.page.getByTestId('private-banner').count()).toBe(0)
    }
    expect(await itemTexts(problemBox(bob.page))).toEqual(['Known before', 'Bob alone'])
  })

  it('keeps private only inside a canvas made private, with the banner just above it', async () => {
    await addItemAndType(bob.page, problemBox(bob.page), 'Bob alone')
    await bob.page.keyboard.press('Escape')
    await expect
      .poll(() => itemTexts(problemBox(alice.page)), eventually)
      .toEqual(['Known before', 'Bob alone'])
    await asOwner('/workshop', { type: 'private', scope: { kind: 'canvas', canvasId }, on: true })
    const banner = alice.page.getByTestId('private-banner')
    await banner.waitFor()
    await bob.page.getByTestId('private-banner').waitFor()
    // Room above the canvas, below the editor's menus.
    await alice.page.evaluate(() => {
      const camera = window.editor!.getCamera()
      window.editor!.setCamera({ ...camera, y: camera.y + 120 / camera.z })
    })
    await expect
      .poll(async () => {
        const card = (await canvasOn(alice.page, canvasId).boundingBox())!
        const placed = (await banner.boundingBox())!
        return placed.y + placed.height <= card.y + 1 && Math.abs(placed.x - card.x) < 20
      }, eventually)
      .toBe(true)

    await addItemAndType(bob.page, problemBox(bob.page), 'Bob in the canvas')
    await bob.page.keyboard.press('Escape')
    // A sticky of Bob's away from the canvas goes to the board, in view for Alice.
    const outside = 'shape:bob-outside'
    await bob.page.evaluate((id) => {
      window.editor!.createShape({ id: id as never, type: 'note', x: -900, y: 0 })
    }, outside)
    expect(
      await bob.page.evaluate((id) => window.editor!.getShape(id as never)?.meta, outside),
    ).toMatchObject({ createdBy: expect.any(String), createdAt: expect.any(Number) })
    await waitForShape(alice.page, outside.replace('shape:', ''))
    expect(await isHidden(alice.page, outside)).toBe(false)
    expect(await itemTexts(problemBox(alice.page))).toEqual(['Known before', 'Bob alone'])
    expect(await itemTexts(problemBox(bob.page))).toEqual([
      'Known before',
      'Bob alone',
      'Bob in the canvas',
    ])
    await asOwner('/workshop', { type: 'private', scope: { kind: 'canvas', canvasId }, on: false })
    await expect
      .poll(() => itemTexts(problemBox(alice.page)), eventually)
      .toEqual(['Known before', 'Bob alone', 'Bob in the canvas'])
  })

  it('threw no errors in the pages', () => {
    for (const tab of [alice, bob]) expect(tab.errors).toEqual([])
  })
})
