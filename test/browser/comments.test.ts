import type { Browser, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, type BoardTab } from './browser'
import {
  createSharedBoardByApi,
  fitBoard,
  itemRow,
  openLink,
  ownerApi,
  ownerLink,
  type SharedBoard,
} from './workshopDriver'

let server: TestServer
let browser: Browser
let alice: BoardTab
let bob: BoardTab
let viewer: BoardTab

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[alice, bob, viewer] = await Promise.all([newTab(browser), newTab(browser), newTab(browser)])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** The name and participant id a page shows as this person. */
const whoAmI = (page: Page) =>
  page.evaluate(() => {
    const { state } = JSON.parse(localStorage.getItem('discovery-board:ui')!)
    return { name: state.name as string, id: state.userId as string }
  })

/** Adds a sticky as a user edit, and returns its centre on screen. */
const addSticky = (page: Page, id: string, x: number, y: number) =>
  page.evaluate(
    ({ id, x, y }) => {
      const editor = window.editor!
      const shapeId = `shape:${id}` as TLShapeId
      editor.createShape({ id: shapeId, type: 'note', x, y })
      const bounds = editor.getShapePageBounds(shapeId)!
      return editor.pageToScreen(bounds.center).toJson()
    },
    { id, x, y },
  )

/** Where a shape's centre is on this page's screen. */
const shapeCentre = (page: Page, id: string) =>
  page.evaluate((shapeId) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(shapeId as TLShapeId)!
    return editor.pageToScreen(bounds.center).toJson()
  }, `shape:${id}`)

const pin = (page: Page) => page.getByTestId('comment-pin')
const thread = (page: Page) => page.getByTestId('thread')

/** Whether the page's one pin is within the window. */
const pinOnScreen = (page: Page) =>
  pin(page).evaluate((element) => {
    const { x, y } = element.getBoundingClientRect()
    return x >= 0 && y >= 0 && x <= window.innerWidth && y <= window.innerHeight
  })

async function openBoards(board: SharedBoard) {
  await Promise.all([
    openLink(alice, ownerLink(server.url, board)),
    openLink(bob, board.links.comment),
    openLink(viewer, board.links.view),
  ])
}

describe('comments on a board', () => {
  it(
    'carries a thread from a pin on a sticky through a mention and a reply to resolved, live on every screen',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Retro')
      await openBoards(board)
      const me = await whoAmI(alice.page)

      // Alice pins a thread to a sticky.
      const sticky = await addSticky(alice.page, 'idea', 100, 100)
      await alice.page.getByTestId('add-comment').click()
      await alice.page.mouse.click(sticky.x, sticky.y)
      const composer = alice.page.getByTestId('comment-composer')
      await composer.getByLabel('Comment').fill('Who has seen this happen?')
      await composer.getByRole('button', { name: 'Comment' }).click()
      await expect.poll(() => thread(alice.page).count(), eventually).toBe(1)
      await expect.poll(() => pin(alice.page).textContent(), eventually).toBe('1')

      // Bob sees it live, unread, and reads it from its pin.
      await expect.poll(() => pin(bob.page).getAttribute('data-unread'), eventually).toBe('true')
      await expect.poll(() => pin(bob.page).textContent(), eventually).toBe('1')
      await expect
        .poll(() => bob.page.getByTestId('comments-unread').textContent(), eventually)
        .toBe('1')
      // The pin sits at the sticky's top right corner.
      const [pinBox, stickyCentre] = [
        await pin(bob.page).boundingBox(),
        await shapeCentre(bob.page, 'idea'),
      ]
      expect(pinBox!.x).toBeGreaterThan(stickyCentre.x)
      expect(pinBox!.y).toBeLessThan(stickyCentre.y)
      await pin(bob.page).click()
      await expect
        .poll(() => thread(bob.page).getByTestId('comment-text').textContent(), eventually)
        .toBe('Who has seen this happen?')
      await expect.poll(() => pin(bob.page).getAttribute('data-unread'), eventually).toBe('false')
      expect(await bob.page.getByTestId('comments-unread').count()).toBe(0)

      // …and replies, mentioning Alice from the suggestions.
      const reply = thread(bob.page).getByLabel('Reply')
      await reply.pressSequentially(`@${me.name.slice(0, 3)}`)
      // Names are drawn at random, so others may share the first letters: pick hers.
      const hers = bob.page.getByTestId('mention-option').filter({ hasText: `@${me.name}` })
      await hers.click()
      await reply.pressSequentially('I have, twice last week')
      await thread(bob.page).getByRole('button', { name: 'Reply' }).click()
      await expect.poll(() => reply.inputValue(), eventually).toBe('')

      // Alice sees the reply appear in her open thread; the pin counts two.
      const texts = thread(alice.page).getByTestId('comment-text')
      await expect
        .poll(() => texts.allTextContents(), eventually)
        .toEqual(['Who has seen this happen?', `@${me.name} I have, twice last week`])
      await expect.poll(() => pin(alice.page).textContent(), eventually).toBe('2')
      // The reply names her by participant id.
      const stored = await fetch(`${server.url}/api/boards/${board.id}/comments`, {
        headers: { authorization: `Bearer ${board.ownerKey}` },
      }).then((r) => r.json())
      expect(stored.threads[0].comments[1].mentions).toEqual([me.id])

      // The viewer sees the pin and the thread, with no way to reply.
      await expect.poll(() => pin(viewer.page).textContent(), eventually).toBe('2')
      expect(await viewer.page.getByTestId('add-comment').count()).toBe(0)
      await pin(viewer.page).click()
      await thread(viewer.page).getByTestId('view-only-hint').waitFor()
      expect(await thread(viewer.page).getByTestId('reply-box').count()).toBe(0)
      expect(await thread(viewer.page).getByTestId('resolve-thread').count()).toBe(0)

      // Alice resolves it: the pin goes from every screen, and the panel lists it as resolved.
      await thread(alice.page).getByTestId('resolve-thread').click()
      for (const tab of [alice, bob, viewer]) {
        await expect.poll(() => pin(tab.page).count(), eventually).toBe(0)
      }
      await bob.page.getByTestId('comments-toggle').click()
      const panel = bob.page.getByTestId('comments-panel')
      await panel.getByTestId('comments-empty').waitFor()
      await panel.getByTestId('comments-tab-resolved').click()
      await expect.poll(() => panel.getByTestId('comments-item').count(), eventually).toBe(1)
      expect(await panel.getByTestId('comments-item').textContent()).toContain(
        'Who has seen this happen?',
      )
      expect([...alice.errors, ...bob.errors, ...viewer.errors]).toEqual([])
    },
  )

  it(
    'pins a thread to a canvas item with C, finds it from the panel by keyboard, and keeps it once the item is deleted',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Lean')
      const canvas = await ownerApi(server.url, board)('/canvases', {
        kind: 'lean',
        title: 'Ideas',
        boxes: { problem: ['Slow onboarding', 'Too many steps'] },
      })
      await Promise.all([
        openLink(alice, ownerLink(server.url, board)),
        openLink(bob, board.links.comment),
      ])
      for (const tab of [alice, bob]) await fitBoard(tab.page)
      const canvasItem = alice.page
        .locator(`[data-canvas-id="${canvas.id}"] [data-testid="box-item"]`)
        .nth(1)
      await canvasItem.waitFor()
      const itemId = (await canvasItem.getAttribute('data-item-id'))!

      // C, then a click on the item, then Ctrl+Enter.
      await alice.page.keyboard.press('c')
      await alice.page.getByTestId('comment-placer').waitFor()
      const row = (await itemRow(alice.page, itemId).boundingBox())!
      await alice.page.mouse.click(row.x + row.width / 2, row.y + row.height / 2)
      const composer = alice.page.getByTestId('comment-composer').getByLabel('Comment')
      await composer.fill('Which steps can go?')
      await composer.press('Control+Enter')
      await expect.poll(() => pin(alice.page).count(), eventually).toBe(1)

      // Bob's pin is at that item's top right corner, inside the canvas.
      await expect.poll(() => pin(bob.page).count(), eventually).toBe(1)
      await expect
        .poll(async () => {
          const [at, item] = [
            await pin(bob.page).boundingBox(),
            await itemRow(bob.page, itemId).boundingBox(),
          ]
          // The pin's point (its bottom left corner) at the item's top right corner.
          return (
            at &&
            item && [Math.round(at.x - item.x - item.width), Math.round(at.y + at.height - item.y)]
          )
        }, eventually)
        .toEqual([expect.closeTo(0, -1), expect.closeTo(0, -1)])

      // Bob looks elsewhere, then reaches the thread from the panel with the keyboard alone.
      await bob.page.evaluate(() => window.editor!.setCamera({ x: -5000, y: -5000, z: 1 }))
      await expect.poll(() => pinOnScreen(bob.page), eventually).toBe(false)
      await bob.page.getByTestId('comments-toggle').focus()
      await bob.page.keyboard.press('Enter')
      const panel = bob.page.getByTestId('comments-panel')
      await expect
        .poll(
          () => bob.page.evaluate(() => document.activeElement?.getAttribute('data-tab')),
          eventually,
        )
        .toBe('open')
      await bob.page.keyboard.press('Tab')
      const item = panel.getByTestId('comments-item')
      expect(await item.getAttribute('data-unread')).toBe('true')
      expect(await item.textContent()).toContain('On a canvas item')
      await expect
        .poll(
          () => bob.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
          eventually,
        )
        .toBe('comments-item')
      await bob.page.keyboard.press('Enter')
      await thread(bob.page).waitFor()
      await expect.poll(() => pinOnScreen(bob.page), eventually).toBe(true)
      await expect.poll(() => item.getAttribute('data-unread'), eventually).toBe('false')
      // Escape closes the thread (focus is in its reply box), then the panel.
      await bob.page.keyboard.press('Escape')
      await expect.poll(() => thread(bob.page).count(), eventually).toBe(0)
      await expect
        .poll(
          () => bob.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
          eventually,
        )
        .toBe('comments-item')
      await bob.page.keyboard.press('Escape')
      await expect.poll(() => panel.count(), eventually).toBe(0)

      // Alice deletes the item: the pin goes, the thread stays in the panel, marked.
      await itemRow(alice.page, itemId).hover()
      await itemRow(alice.page, itemId).getByRole('button', { name: 'Delete item' }).click()
      await expect.poll(() => pin(bob.page).count(), eventually).toBe(0)
      await bob.page.getByTestId('comments-toggle').click()
      await expect.poll(() => item.textContent(), eventually).toContain('On something deleted')
      await item.click()
      await expect
        .poll(() => thread(bob.page).textContent(), eventually)
        .toContain('on something deleted')
    },
  )

  it(
    'comments from the keyboard on the canvas item being typed in, with Ctrl+Alt+M',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Keyboard')
      const canvas = await ownerApi(server.url, board)('/canvases', {
        kind: 'lean',
        title: 'Ideas',
        boxes: { problem: ['Slow onboarding', 'Too many steps'] },
      })
      await Promise.all([
        openLink(alice, ownerLink(server.url, board)),
        openLink(bob, board.links.comment),
      ])
      for (const tab of [alice, bob]) await fitBoard(tab.page)
      const canvasItem = alice.page
        .locator(`[data-canvas-id="${canvas.id}"] [data-testid="box-item"]`)
        .nth(1)
      await canvasItem.waitFor()
      const itemId = (await canvasItem.getAttribute('data-item-id'))!

      // Alice is typing in the item's text when she asks for a comment on it.
      await itemRow(alice.page, itemId).locator('textarea').focus()
      await alice.page.keyboard.press('Control+Alt+KeyM')
      const composer = alice.page.getByTestId('comment-composer').getByLabel('Comment')
      await composer.waitFor()
      await expect
        .poll(() => alice.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Comment')
      await composer.fill('Which steps?')
      await composer.press('Control+Enter')
      // The item's text is as it was: the shortcut typed nothing into it.
      expect(await itemRow(alice.page, itemId).locator('textarea').inputValue()).toBe(
        'Too many steps',
      )

      // Bob's pin is on that item.
      await expect.poll(() => pin(bob.page).count(), eventually).toBe(1)
      await bob.page.getByTestId('comments-toggle').click()
      await expect
        .poll(() => bob.page.getByTestId('comments-item').textContent(), eventually)
        .toContain('On a canvas item')
      const stored = await fetch(`${server.url}/api/boards/${board.id}/comments`, {
        headers: { authorization: `Bearer ${board.ownerKey}` },
      }).then((r) => r.json())
      expect(stored.threads[0].target).toEqual({ kind: 'item', canvasId: canvas.id, itemId })
    },
  )

  it(
    'keeps what was typed and says why when the server cannot save a reply',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Outage')
      await ownerApi(server.url, board)('/comments', {
        target: { kind: 'point', x: 200, y: 200 },
        text: 'Anyone there?',
      })
      await openLink(bob, board.links.comment)
      await pin(bob.page).click()
      const replies = `**/api/boards/${board.id}/comments/*/replies`
      await bob.page.route(replies, (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'storage_unavailable', message: 'Storage is down' },
          }),
        }),
      )
      const reply = thread(bob.page).getByLabel('Reply')
      await reply.fill('Here, and waiting')
      await thread(bob.page).getByRole('button', { name: 'Reply' }).click()
      await expect
        .poll(() => thread(bob.page).getByTestId('comment-error').textContent(), eventually)
        .toContain('cannot save comments right now')
      expect(await reply.inputValue()).toBe('Here, and waiting')

      await bob.page.unroute(replies)
      await thread(bob.page).getByRole('button', { name: 'Reply' }).click()
      await expect.poll(() => reply.inputValue(), eventually).toBe('')
      await expect
        .poll(() => thread(bob.page).getByTestId('comment-text').allTextContents(), eventually)
        .toEqual(['Anyone there?', 'Here, and waiting'])
      expect(await thread(bob.page).getByTestId('comment-error').count()).toBe(0)
    },
  )

  it(
    "starts threads from a shape's context menu and on the empty board",
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Menus')
      await openLink(bob, board.links.comment)
      // A commenter cannot draw: the owner adds the sticky.
      await openLink(alice, ownerLink(server.url, board))
      const box = await addSticky(alice.page, 'box', 100, 100)
      await expect
        .poll(
          () => bob.page.evaluate(() => window.editor!.getShape('shape:box' as TLShapeId)?.type),
          eventually,
        )
        .toBe('note')

      await bob.page.mouse.click(box.x, box.y)
      await bob.page.mouse.click(box.x, box.y, { button: 'right' })
      await bob.page.getByRole('menuitem', { name: 'Comment' }).click()
      const composer = bob.page.getByTestId('comment-composer').getByLabel('Comment')
      await composer.fill('On the sticky')
      await composer.press('Control+Enter')
      await thread(bob.page).waitFor()

      await bob.page.getByTestId('add-comment').click()
      await bob.page.mouse.click(900, 600)
      await composer.fill('On the board itself')
      await composer.press('Control+Enter')
      await expect.poll(() => pin(bob.page).count(), eventually).toBe(2)
      const stored = await fetch(`${server.url}/api/boards/${board.id}/comments`, {
        headers: { authorization: `Bearer ${board.ownerKey}` },
      }).then((r) => r.json())
      const targets = stored.threads.map((t: { target: { kind: string } }) => t.target.kind)
      expect(targets.sort()).toEqual(['point', 'shape'])
    },
  )
})
