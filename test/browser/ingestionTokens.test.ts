import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOwnedBoard, type OwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  eventually,
  launchBrowser,
  newTab,
  openBoardMenu,
  waitForBoard,
  type BoardTab,
} from './browser'

let server: TestServer
let browser: Browser
let tab: BoardTab
/** The board the current test manages tokens on: each test has its own. */
let board: OwnedBoard

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  tab = await newTab(browser)
})

const asOwner = () => ({ authorization: `Bearer ${board.ownerKey}` })

/** Opens a new board that already holds tokens with these names, as its owner. */
async function openBoardWithTokens(names: string[]): Promise<void> {
  board = await createOwnedBoard(server.url, 'Churn experiments')
  for (const name of names) {
    const res = await fetch(`${server.url}/api/boards/${board.id}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...asOwner() },
      body: JSON.stringify({ name }),
    })
    expect(res.status).toBe(201)
  }
  await tab.page.goto(`${server.url}/b/${board.id}?key=${encodeURIComponent(board.ownerKey)}`)
  await waitForBoard(tab.page)
}

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const tokensOnServer = async () =>
  (
    (await (
      await fetch(`${server.url}/api/boards/${board.id}/tokens`, { headers: asOwner() })
    ).json()) as {
      tokens: { name: string }[]
    }
  ).tokens.map((t) => t.name)

// Each test loads the board editor, which on two busy cores takes a while.
describe(
  'when the owner manages ingestion tokens in the board settings',
  { timeout: 60_000 },
  () => {
    it('creates a named token, shows its secret once with an example, and lists it by name', async () => {
      await openBoardWithTokens([])
      const page = tab.page
      await openBoardMenu(page)
      await page.getByTestId('ingestion-tokens').click()
      await page.getByText('No tokens yet.').waitFor()
      await page.getByLabel('New token name').fill('nightly training')
      await page.getByRole('button', { name: 'Create' }).click()
      const secret = await page.getByLabel('New token', { exact: true }).inputValue()
      expect(secret).toMatch(/^dbi_/)
      expect(await page.getByTestId('created-token').textContent()).toContain(
        `authorization: Bearer ${secret}`,
      )
      await page.getByTestId('token-item').filter({ hasText: 'nightly training' }).waitFor()
      expect(await tokensOnServer()).toEqual(['nightly training'])
    })

    it('revokes a token, after which it is gone from the list and the server', async () => {
      await openBoardWithTokens(['nightly training'])
      const page = tab.page
      await openBoardMenu(page)
      await page.getByTestId('ingestion-tokens').click()
      await page.getByRole('button', { name: 'Revoke nightly training' }).click()
      await expect.poll(() => page.getByTestId('token-item').count(), eventually).toBe(0)
      expect(await tokensOnServer()).toEqual([])
      expect(tab.errors).toEqual([])
    })
  },
)
