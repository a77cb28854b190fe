import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOwnedBoard, type OwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, holdBoardKey, launchBrowser, newTab, type BoardTab } from './browser'

let browser: Browser
let tab: BoardTab
let page: Page
/** A server of each test's own: the list shows every board of the instance. */
let server: TestServer

beforeAll(async () => {
  browser = await launchBrowser()
  tab = await newTab(browser)
  page = tab.page
})

// A new server listens on a new port, so the page also starts on an origin with nothing stored.
beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  // Leave the server's pages first: a page still loading from a stopped server reports errors.
  await page.goto('about:blank')
  await server?.cleanup()
})

afterAll(async () => {
  await browser?.close()
})

const items = () => page.locator('[data-testid="board-item"]')
const item = (title: string) => items().filter({ hasText: title })
const renameButton = (title: string) => item(title).getByRole('button', { name: `Rename ${title}` })
const deletedItems = () => page.locator('[data-testid="deleted-board-item"]')

async function serverTitles(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/boards`)
  const body = (await response.json()) as { boards: { title: string }[] }
  return body.boards.map((board) => board.title)
}

/** Creates a board through the API and keeps its owner key in the browser, as if made here. */
async function ownBoard(title: string): Promise<OwnedBoard> {
  const board = await createOwnedBoard(server.url, title)
  await page.goto(server.url)
  await holdBoardKey(page, board.id, board.ownerKey, 'owner')
  return board
}

/** Creates a board through the API, as this browser's own, and shows the board list with it. */
async function listWithBoard(title: string): Promise<string> {
  const { id } = await ownBoard(title)
  await page.reload()
  await item(title).waitFor()
  return id
}

describe('the board list', () => {
  it('invites you to create a board when there are none', async () => {
    await page.goto(server.url)
    await page.getByTestId('board-list-empty').waitFor()
    expect(await page.getByTestId('board-list-empty').textContent()).toContain(
      'No boards yet — create one',
    )
  })

  it('creates a board with the title you type', async () => {
    await page.goto(server.url)
    await page.getByLabel('New board title').fill('Checkout research')
    await page.getByRole('button', { name: 'Create board' }).click()

    await item('Checkout research').waitFor()
    expect(await item('Checkout research').textContent()).toContain('Edited just now')
    expect(await page.getByLabel('New board title').inputValue()).toBe('')
    expect(await serverTitles()).toEqual(['Checkout research'])
  })

  it('renames inline: Escape cancels and Enter saves', async () => {
    await listWithBoard('Checkout research')
    await renameButton('Checkout research').click()
    const input = page.getByTestId('board-title-input')
    await input.fill('Discarded title')
    await input.press('Escape')
    await expect.poll(() => input.count(), eventually).toBe(0)
    expect(await serverTitles()).toEqual(['Checkout research'])

    await renameButton('Checkout research').click()
    await input.fill('Checkout interviews')
    await input.press('Enter')
    await item('Checkout interviews').getByTestId('board-item-title').waitFor()
    expect(await serverTitles()).toEqual(['Checkout interviews'])
  })

  it('shows the server message when a rename is refused', async () => {
    await listWithBoard('Checkout interviews')
    await item('Checkout interviews')
      .getByRole('button', { name: /^Rename/ })
      .click()
    const input = page.getByTestId('board-title-input')
    // Whitespace only: the client cancels, so force a too-long title past the input limit.
    await input.evaluate((element: HTMLInputElement) => element.removeAttribute('maxlength'))
    await input.fill('x'.repeat(201))
    await input.press('Enter')
    const banner = page.getByTestId('error-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/200/)
    await input.press('Escape')
    await page.getByRole('button', { name: 'Dismiss error' }).click()
  })

  it('deletes only after confirmation, then lists the board as recently deleted', async () => {
    await listWithBoard('Checkout interviews')
    await item('Checkout interviews')
      .getByRole('button', { name: /^Delete/ })
      .click()
    const dialog = page.getByTestId('delete-board-dialog')
    const cancel = dialog.getByRole('button', { name: 'Cancel' })
    await cancel.waitFor()
    // Focus starts on Cancel, so a stray Enter does not delete; Escape closes.
    expect(await cancel.evaluate((button) => button === document.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible(), eventually).toBe(false)

    await item('Checkout interviews')
      .getByRole('button', { name: /^Delete/ })
      .click()
    await cancel.click()
    await expect.poll(() => dialog.isVisible(), eventually).toBe(false)
    expect(await items().count()).toBe(1)

    await item('Checkout interviews')
      .getByRole('button', { name: /^Delete/ })
      .click()
    await dialog.getByTestId('confirm-delete').click()
    await page.getByTestId('board-list-empty').waitFor()
    expect(await serverTitles()).toEqual([])

    await page.getByText('Recently deleted').click()
    await deletedItems().first().waitFor()
    expect(await deletedItems().count()).toBe(1)
    expect(await deletedItems().first().textContent()).toContain('Checkout interviews')
    expect(await deletedItems().first().getByTestId('days-left').textContent()).toBe('30 days left')
  })

  it('restores a deleted board', async () => {
    const { id, ownerKey } = await ownBoard('Checkout interviews')
    const deleted = await fetch(`${server.url}/api/boards/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ownerKey}` },
    })
    expect(deleted.ok).toBe(true)
    await page.reload()
    await page.getByTestId('board-list-empty').waitFor()
    await page.getByText('Recently deleted').click()
    await deletedItems()
      .first()
      .getByRole('button', { name: 'Restore Checkout interviews' })
      .click()
    await item('Checkout interviews').waitFor()
    await expect.poll(() => page.getByTestId('recently-deleted').count(), eventually).toBe(0)
    expect(await serverTitles()).toEqual(['Checkout interviews'])
  })

  it('opens a board from the list and comes back', async () => {
    await listWithBoard('Checkout interviews')
    await item('Checkout interviews').getByTestId('board-item-title').click()
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
    await page.getByTestId('board-title').filter({ hasText: 'Checkout interviews' }).waitFor()
    await page.waitForFunction(() => window.editor !== undefined)

    await page.getByTestId('back-to-boards').click()
    await item('Checkout interviews').waitFor()
  })

  it('says "Board not found" for a board that does not exist', async () => {
    await page.goto(`${server.url}/b/${'A'.repeat(22)}`)
    await page.getByTestId('board-not-found').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Board not found')
  })

  it('threw no errors', () => {
    expect(tab.errors).toEqual([])
  })
})
