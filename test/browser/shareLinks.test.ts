import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { insertFromPicker } from './canvasDriver'
import { createSharedBoardByApi, openLink, ownerLink, type SharedBoard } from './workshopDriver'
import {
  drawRectangle,
  eventually,
  launchBrowser,
  newTab,
  waitForBoard,
  waitForShape,
  type BoardTab,
} from './browser'

let server: TestServer
let browser: Browser
let owner: BoardTab
let viewer: BoardTab

beforeAll(async () => {
  // Share links are the default: no open instance here.
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[owner, viewer] = await Promise.all([newTab(browser), newTab(browser)])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const linkInput = (tab: BoardTab, role: string) =>
  tab.page.getByTestId(`share-link-${role}`).locator('input.share-link-url')

/** A board of the test's own, made through the API; the owner has it open when `open` says so. */
async function sharedBoard(title: string, { open }: { open: boolean }): Promise<SharedBoard> {
  const board = await createSharedBoardByApi(server.url, title)
  if (open) await openLink(owner, ownerLink(server.url, board))
  return board
}

describe('when the owner creates a board and shares it by link', () => {
  it('opens the new board for its creator, who finds the three links under Share', async () => {
    const page = owner.page
    const links: Record<string, string> = {}
    await page.goto(server.url)
    await page.getByLabel('New board title').fill('Pricing workshop')
    await page.getByRole('button', { name: 'Create board' }).click()
    await page.getByTestId('board-item-title').filter({ hasText: 'Pricing workshop' }).click()
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
    await waitForBoard(page)

    await page.getByTestId('share-board').click()
    for (const role of ['edit', 'comment', 'view']) {
      await expect.poll(() => linkInput(owner, role).inputValue(), eventually).toContain('?key=')
      links[role] = await linkInput(owner, role).inputValue()
    }
    expect(new Set(Object.values(links)).size).toBe(3)
    await page.getByRole('button', { name: 'Done' }).click()
  })

  // Two screens load the board editor in the tests below: on two busy cores that takes a while.
  const twoScreens = { timeout: 90_000 }

  it(
    'lets a viewer watch the board live, without the key in the address bar, but not edit',
    twoScreens,
    async () => {
      const board = await sharedBoard('Live pricing', { open: true })
      await viewer.page.goto(board.links.view)
      await waitForBoard(viewer.page)
      expect(new URL(viewer.page.url()).search).toBe('')
      await viewer.page.getByTestId('role-badge').filter({ hasText: 'View only' }).waitFor()
      expect(await viewer.page.evaluate(() => window.editor!.getIsReadonly())).toBe(true)

      await drawRectangle(owner.page, 'from-owner', 0, 0)
      await waitForShape(viewer.page, 'from-owner')

      // A canvas the owner adds shows for the viewer with every field disabled.
      await insertFromPicker(owner.page, 'lean')
      const fieldset = viewer.page.locator('fieldset.canvas-fieldset')
      await fieldset.first().waitFor()
      expect(await fieldset.first().getAttribute('disabled')).not.toBeNull()
      expect(await fieldset.first().locator('button').first().isDisabled()).toBe(true)
    },
  )

  it('lists the board on the viewer’s own board list', twoScreens, async () => {
    const board = await sharedBoard('Pricing workshop', { open: false })
    await openLink(viewer, board.links.view)
    await viewer.page.goto(server.url)
    await viewer.page
      .getByTestId('board-item-title')
      .filter({ hasText: 'Pricing workshop' })
      .waitFor()
    await viewer.page.goto(`${server.url}/b/${board.id}`)
    await waitForBoard(viewer.page)
  })

  it('shuts the viewer out at once when the owner rotates the view link', twoScreens, async () => {
    const board = await sharedBoard('Rotated pricing', { open: true })
    await openLink(viewer, board.links.view)
    await owner.page.getByTestId('share-board').click()
    await expect
      .poll(() => linkInput(owner, 'view').inputValue(), eventually)
      .toBe(board.links.view)
    await owner.page.getByTestId('share-link-view').getByRole('button', { name: 'Rotate' }).click()
    await expect
      .poll(() => linkInput(owner, 'view').inputValue(), eventually)
      .not.toBe(board.links.view)
    await viewer.page.getByTestId('board-not-found').waitFor()
  })

  it('shows a stranger without a link that there is no board', async () => {
    const board = await sharedBoard('Hidden pricing', { open: false })
    const stranger = await newTab(browser)
    await stranger.page.goto(`${server.url}/b/${board.id}`)
    await stranger.page.getByTestId('board-not-found').waitFor()
    await stranger.context.close()
  })

  it('threw no errors in the pages', () => {
    expect(owner.errors).toEqual([])
    expect(viewer.errors).toEqual([])
  })
})
