import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, type BoardTab } from './browser'
import { addItemAndType, boxOf, itemTexts } from './canvasDriver'
import {
  createSharedBoardByApi,
  fitBoard,
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

const panel = (page: Page) => page.getByTestId('history-panel')
const versionView = (page: Page) => page.getByTestId('version-view')

/** The titles of the versions the page's panel lists, top first. */
const listedTitles = (page: Page) => panel(page).getByTestId('version-title').allTextContents()

/** A version's row in the page's panel, by its title. */
const row = (page: Page, title: string | RegExp) =>
  panel(page).getByTestId('version-item').filter({ hasText: title }).first()

/** A canvas on the live board (a page) or in the version open read-only (its view). */
const card = (scope: Page | Locator, canvasId: string) =>
  scope.locator(`[data-testid="canvas-card"][data-canvas-id="${canvasId}"]`)

/** A canvas's title as it is shown there. */
const titleOf = (scope: Page | Locator, canvasId: string) =>
  card(scope, canvasId).getByTestId('canvas-title').inputValue()

/** Renames a canvas through the API, as its owner. */
async function renameCanvas(board: SharedBoard, canvasId: string, title: string) {
  const res = await fetch(`${server.url}/api/boards/${board.id}/canvases/${canvasId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${board.ownerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  expect(res.status).toBe(200)
}

/** Names a version from the page's open panel, with Enter. */
async function nameVersion(page: Page, name: string) {
  const field = panel(page).getByLabel('Name this version')
  await field.fill(name)
  await field.press('Enter')
  await expect.poll(() => listedTitles(page), eventually).toContain(name)
  await expect.poll(() => field.inputValue(), eventually).toBe('')
}

/** Restores one canvas from the version open read-only, through the confirmation dialog. */
async function restoreCanvasFromOpenVersion(page: Page, canvasId: string) {
  await versionView(page).getByTestId('version-restore-open').click()
  const dialog = page.getByTestId('restore-dialog')
  await dialog.getByTestId('restore-one-canvas').check()
  await dialog.getByTestId('restore-canvas').selectOption(canvasId)
  await expect(dialog.textContent()).resolves.toContain('undo this from history')
  await dialog.getByTestId('confirm-restore').click()
  await panel(page).getByTestId('restore-result').waitFor()
  // The read-only view closes on the live board.
  await expect.poll(() => versionView(page).count(), eventually).toBe(0)
}

describe('the version history of a board', () => {
  it(
    'lists a version an editor named on everyone’s screen, and only editors may name one',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Retro')
      await Promise.all([
        openLink(alice, ownerLink(server.url, board)),
        openLink(bob, board.links.edit),
        openLink(viewer, board.links.view),
      ])

      // Alice opens the panel with its shortcut and names the board as it is now.
      await alice.page.keyboard.press('Control+Alt+Shift+KeyH')
      await panel(alice.page).waitFor()
      await nameVersion(alice.page, 'Before the workshop')
      expect((await listedTitles(alice.page))[0]).toBe('Before the workshop')
      expect(await row(alice.page, 'Before the workshop').textContent()).toContain('named by')

      // Bob, with the comments panel open, opens History: it takes the comments panel's place.
      await bob.page.getByTestId('comments-toggle').click()
      await bob.page.getByTestId('comments-panel').waitFor()
      await bob.page.getByTestId('history-toggle').click()
      await expect.poll(() => listedTitles(bob.page), eventually).toContain('Before the workshop')
      expect(await bob.page.getByTestId('comments-panel').count()).toBe(0)
      expect(await panel(bob.page).getByTestId('name-version-form').count()).toBe(1)

      // The viewer reads the list, with no way to name a version.
      await viewer.page.getByTestId('history-toggle').click()
      await expect
        .poll(() => listedTitles(viewer.page), eventually)
        .toContain('Before the workshop')
      await panel(viewer.page).getByTestId('history-view-only').waitFor()
      expect(await panel(viewer.page).getByTestId('name-version-form').count()).toBe(0)
      expect([...alice.errors, ...bob.errors, ...viewer.errors]).toEqual([])
    },
  )

  it(
    'opens a version read-only with the content it was taken with, and goes back to the live board',
    { timeout: 90_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Churn discovery')
      const canvas = await ownerApi(server.url, board)('/canvases', {
        kind: 'lean',
        title: 'Churn',
        boxes: { problem: ['Users forget'] },
      })
      await openLink(alice, ownerLink(server.url, board))
      await card(alice.page, canvas.id).waitFor()
      await alice.page.getByTestId('history-toggle').click()
      await nameVersion(alice.page, 'First draft')
      await renameCanvas(board, canvas.id, 'Renamed later')
      await expect.poll(() => titleOf(alice.page, canvas.id), eventually).toBe('Renamed later')

      await row(alice.page, 'First draft').getByTestId('version-open').click()
      const view = versionView(alice.page)
      await expect
        .poll(() => view.getByTestId('version-banner').textContent(), eventually)
        .toMatch(/Viewing “First draft” · .+ · read-only/)
      await expect.poll(() => titleOf(view, canvas.id), eventually).toBe('Churn')
      expect(await itemTexts(boxOf(card(view, canvas.id), 'problem'))).toEqual(['Users forget'])

      // Nothing in it can be changed: its fields are disabled and typing changes nothing.
      const title = card(view, canvas.id).getByTestId('canvas-title')
      await expect(title.isDisabled()).resolves.toBe(true)
      await title.click({ force: true })
      await alice.page.keyboard.type('typed into the past')
      expect(await title.inputValue()).toBe('Churn')
      // …and nothing offers to add to it.
      expect(await card(view, canvas.id).getByTestId('add-item').first().isVisible()).toBe(false)

      // Escape, and the Back button, return to the live board as it is now.
      await alice.page.keyboard.press('Escape')
      await expect.poll(() => view.count(), eventually).toBe(0)
      expect(await titleOf(alice.page, canvas.id)).toBe('Renamed later')
      await row(alice.page, 'First draft').getByTestId('version-open').click()
      await view.getByTestId('version-back').click()
      await expect.poll(() => view.count(), eventually).toBe(0)
      expect(await titleOf(alice.page, canvas.id)).toBe('Renamed later')
      expect(alice.errors).toEqual([])
    },
  )

  it(
    'restores one canvas on every screen at once, keeps newer work on another, and undoes the restore from history',
    { timeout: 120_000 },
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Pricing discovery')
      const api = ownerApi(server.url, board)
      const churn = await api('/canvases', {
        kind: 'lean',
        title: 'Churn',
        boxes: { problem: ['Users forget'] },
      })
      const pricing = await api('/canvases', {
        kind: 'lean',
        title: 'Pricing',
        boxes: { problem: ['Too expensive'] },
      })
      await Promise.all([
        openLink(alice, ownerLink(server.url, board)),
        openLink(bob, board.links.edit),
      ])
      for (const tab of [alice, bob]) {
        await fitBoard(tab.page)
        await card(tab.page, churn.id).waitFor()
        await card(tab.page, pricing.id).waitFor()
      }
      await alice.page.getByTestId('history-toggle').click()
      await nameVersion(alice.page, 'Before the workshop')

      // After the version: the Churn canvas is renamed, and Bob adds to the Pricing canvas.
      await renameCanvas(board, churn.id, 'Churn, reworded')
      const bobsBox = boxOf(card(bob.page, pricing.id), 'problem')
      await addItemAndType(bob.page, bobsBox, 'Annual plans hide the price')
      for (const tab of [alice, bob]) {
        await expect
          .poll(() => itemTexts(boxOf(card(tab.page, pricing.id), 'problem')), eventually)
          .toEqual(['Too expensive', 'Annual plans hide the price'])
        await expect.poll(() => titleOf(tab.page, churn.id), eventually).toBe('Churn, reworded')
      }

      // Alice restores the Churn canvas from the version.
      await row(alice.page, 'Before the workshop').getByTestId('version-open').click()
      await restoreCanvasFromOpenVersion(alice.page, churn.id)
      expect(await panel(alice.page).getByTestId('restore-result').textContent()).toContain(
        'Restored 1 canvas',
      )
      for (const tab of [alice, bob]) {
        await expect.poll(() => titleOf(tab.page, churn.id), eventually).toBe('Churn')
        // Bob's newer work on the other canvas is still there.
        expect(await itemTexts(boxOf(card(tab.page, pricing.id), 'problem'))).toEqual([
          'Too expensive',
          'Annual plans hide the price',
        ])
      }

      // The board as it was before the restore is now the newest version; restored, it brings
      // the reworded title back.
      await expect
        .poll(async () => (await listedTitles(alice.page))[0], eventually)
        .toMatch(/^Before restoring/)
      await row(alice.page, /^Before restoring/)
        .getByTestId('version-open')
        .click()
      await restoreCanvasFromOpenVersion(alice.page, churn.id)
      for (const tab of [alice, bob]) {
        await expect.poll(() => titleOf(tab.page, churn.id), eventually).toBe('Churn, reworded')
        expect(await itemTexts(boxOf(card(tab.page, pricing.id), 'problem'))).toEqual([
          'Too expensive',
          'Annual plans hide the price',
        ])
      }
      expect([...alice.errors, ...bob.errors]).toEqual([])
    },
  )
})
