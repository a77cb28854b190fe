import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, createHypothesis } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/server'
import { drawRectangle, eventually, launchBrowser, newTab, type BoardTab } from './browser'
import {
  createSharedBoardByApi,
  openLink,
  ownerApi,
  ownerLink,
  type SharedBoard,
} from './workshopDriver'

const Title = 'Churn prediction discovery workshop'

let server: TestServer
let browser: Browser
let board: SharedBoard
let owner: BoardTab
/** Four people on edit links, so the header is as crowded as in a real workshop. */
let others: BoardTab[]
let asOwner: ReturnType<typeof ownerApi>

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  board = await createSharedBoardByApi(server.url, Title)
  asOwner = ownerApi(server.url, board)
  const api = apiClient(server.url)
  await createHypothesis(
    (path, init = {}) => api(path, { ...init, token: board.ownerKey }),
    board.id,
  )
  owner = await newTab(browser)
  await openLink(owner, ownerLink(server.url, board))
  others = []
  for (let i = 0; i < 4; i++) {
    const tab = await newTab(browser)
    await openLink(tab, board.links.edit)
    others.push(tab)
  }
  await owner.page.waitForFunction(
    () => document.querySelectorAll('[data-testid="participant"]').length === 5,
    undefined,
    { timeout: eventually.timeout },
  )
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const box = async (locator: Locator) => (await locator.boundingBox())!

/** Whether the element shows its whole text (nothing cut off with an ellipsis). */
const showsWholeText = (locator: Locator) =>
  locator.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)

/** The top of the board's canvas on the page: what sits above it covers none of the board. */
const canvasTop = async (page: Page) => (await box(page.locator('.board-canvas'))).y

describe('the board header with five people on the board', () => {
  it('shows the whole title, with the rarer actions behind More', async () => {
    for (const tab of [owner, ...others]) {
      const title = tab.page.getByTestId('board-title')
      expect(await title.textContent()).toBe(Title)
      expect(await showsWholeText(title)).toBe(true)
      expect(await showsWholeText(title.locator('button'))).toBe(true)
    }
    // Comments, history and More stay in view beside the title.
    for (const name of [/^Comments/, /^More$/]) {
      const button = owner.page.locator('.board-header').getByRole('button', { name }).first()
      expect(await button.isVisible()).toBe(true)
    }
  })

  it('renames the board in place, and every screen shows the new title at once', async () => {
    const page = others[0]!.page
    await page.getByTestId('board-title-rename').click()
    const input = page.getByTestId('board-title-input')
    await input.fill('Churn: week 2')
    await input.press('Enter')
    for (const tab of [owner, ...others]) {
      await expect
        .poll(() => tab.page.getByTestId('board-title').textContent(), eventually)
        .toBe('Churn: week 2')
    }
    expect(await owner.page.title()).toBe('Churn: week 2 · Discovery Board')
    // Escape leaves the title as it was.
    await owner.page.getByTestId('board-title-rename').click()
    await owner.page.getByTestId('board-title-input').fill('Not this')
    await owner.page.getByTestId('board-title-input').press('Escape')
    expect(await owner.page.getByTestId('board-title').textContent()).toBe('Churn: week 2')
    await page.getByTestId('board-title-rename').click()
    await page.getByTestId('board-title-input').fill(Title)
    await page.getByTestId('board-title-input').press('Enter')
    await expect
      .poll(() => owner.page.getByTestId('board-title').textContent(), eventually)
      .toBe(Title)
  })
})

describe('the workshop beside the board', () => {
  it('puts the facilitator tools in the strip above the canvas, not over it', async () => {
    const tools = owner.page.getByTestId('facilitator-toolbar')
    await tools.waitFor()
    const { y, height } = await box(tools)
    expect(y + height).toBeLessThanOrEqual(await canvasTop(owner.page))
    // Nobody else facilitates: without a vote, timer or follow-me their strip takes no room.
    if ((await others[1]!.page.getByTestId('vote-results').count()) === 0) {
      expect(await others[1]!.page.getByTestId('workshop-strip').isVisible()).toBe(false)
    }
  })

  it('shows vote results in the strip on every screen, where they cover none of the board', async () => {
    await asOwner('/workshop', {
      type: 'startVoting',
      voting: { scope: { kind: 'board' }, votesPerPerson: 3 },
    })
    await asOwner('/workshop', { type: 'endVoting' })
    for (const tab of [owner, ...others]) {
      const results = tab.page.getByTestId('vote-results')
      await results.waitFor()
      const { y, height } = await box(results)
      expect(y + height).toBeLessThanOrEqual(await canvasTop(tab.page))
      await tab.page.getByTestId('vote-result').first().waitFor()
    }
    // Closed, they leave the strip, which then takes no room.
    for (const tab of others) {
      await tab.page.getByRole('button', { name: 'Close vote results' }).click()
      await tab.page.getByTestId('vote-results').waitFor({ state: 'detached' })
      expect(await tab.page.getByTestId('workshop-strip').isVisible()).toBe(false)
    }
    await owner.page.getByRole('button', { name: 'Close vote results' }).click()
  })

  it('keeps the style panel away until there is something to style', async () => {
    const page = others[3]!.page
    await page.evaluate(() => {
      window.editor!.selectNone()
    })
    expect(await page.getByTestId('style.panel').count()).toBe(0)
    await drawRectangle(page, 'styled', 2400, 2400)
    await page.evaluate(() => {
      window.editor!.select('shape:styled' as never)
    })
    await page.getByTestId('style.panel').waitFor()
    await page.evaluate(() => {
      window.editor!.selectNone()
    })
    await page.getByTestId('style.panel').waitFor({ state: 'detached' })
    await page.evaluate(() => {
      window.editor!.setCurrentTool('draw')
    })
    await page.getByTestId('style.panel').waitFor()
    await page.evaluate(() => {
      window.editor!.setCurrentTool('select')
    })
  })

  it('keeps reactions behind one button, opened and closed from the keyboard', async () => {
    const page = others[1]!.page
    expect(await page.getByRole('button', { name: /^React: / }).count()).toBe(0)
    const toggle = page.getByRole('button', { name: 'Reactions' })
    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('button', { name: /^React: / }).count()).toBe(6)
    await page.getByRole('button', { name: 'React: Thumbs up' }).focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('button', { name: /^React: / }).count()).toBe(0)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  })

  it('threw no errors in the pages', () => {
    for (const tab of [owner, ...others]) expect(tab.errors).toEqual([])
  })
})
