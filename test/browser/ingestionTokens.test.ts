import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'

let server: TestServer
let browser: Browser
let tab: BoardTab
/** The board the current test manages tokens on: each test has its own. */
let boardId: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  tab = await newTab(browser)
})

/** Opens a new board that already holds tokens with these names. */
async function openBoardWithTokens(names: string[]): Promise<void> {
  boardId = await createBoard(server.url, 'Churn experiments')
  for (const name of names) {
    const res = await fetch(`${server.url}/api/boards/${boardId}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    })
    expect(res.status).toBe(201)
  }
  await openBoard(tab, server.url, boardId)
}

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const tokensOnServer = async () =>
  (
    (await (await fetch(`${server.url}/api/boards/${boardId}/tokens`)).json()) as {
      tokens: { name: string }[]
    }
  ).tokens.map((t) => t.name)

// Each test loads the board editor, which on two busy cores takes a while.
describe(
  'when an editor manages ingestion tokens in the board settings',
  { timeout: 60_000 },
  () => {
    it('creates a named token, shows its secret once with an example, and lists it by name', async () => {
      await openBoardWithTokens([])
      const page = tab.page
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
      await page.getByTestId('ingestion-tokens').click()
      await page.getByRole('button', { name: 'Revoke nightly training' }).click()
      await expect.poll(() => page.getByTestId('token-item').count(), eventually).toBe(0)
      expect(await tokensOnServer()).toEqual([])
      expect(tab.errors).toEqual([])
    })
  },
)
