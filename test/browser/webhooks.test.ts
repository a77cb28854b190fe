import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  startWebhookReceiver,
  verifySignature,
  type WebhookReceiver,
} from '../helpers/webhookReceiver'
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
let receiver: WebhookReceiver

beforeAll(async () => {
  ;[server, browser, receiver] = await Promise.all([
    startTestServer({ env: { WEBHOOKS_ALLOW_PRIVATE_NETWORK: 'true', WEBHOOKS_POLL_MS: '100' } }),
    launchBrowser(),
    startWebhookReceiver(),
  ])
  tab = await newTab(browser)
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
  await receiver?.close()
})

// The test loads the board editor, which on two busy cores takes a while.
describe('when the owner adds a webhook in the board settings', { timeout: 90_000 }, () => {
  it('shows its secret once, and its delivery log shows the event it was sent', async () => {
    const board = await createOwnedBoard(server.url, 'Checkout experiments')
    const page = tab.page
    await page.goto(`${server.url}/b/${board.id}?key=${encodeURIComponent(board.ownerKey)}`)
    await waitForBoard(page)

    await openBoardMenu(page)
    await page.getByTestId('webhooks').click()
    await page.getByText('No webhooks yet.').waitFor()
    await page.getByLabel('Endpoint URL').fill(receiver.url)
    // Keyboard only: the event checkbox and the add button.
    await page.getByLabel('Version named').focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Add webhook' }).focus()
    await page.keyboard.press('Enter')
    const secret = await page.getByLabel('Signing secret').inputValue()
    expect(secret).toMatch(/^whsec_/)
    await page.getByTestId('webhook-item').filter({ hasText: receiver.url }).waitFor()

    const named = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${board.ownerKey}`,
      },
      body: JSON.stringify({ name: 'Before the review' }),
    })
    expect(named.status).toBe(201)
    const [got] = await receiver.waitFor(1, (h) => h.json?.boardId === board.id)
    expect(got!.json).toMatchObject({ event: 'version.named', data: { name: 'Before the review' } })
    expect(
      verifySignature(secret, got!.body, got!.headers['x-discovery-signature'] as string),
    ).toBe(true)

    await page.getByRole('button', { name: `Deliveries to ${receiver.url}` }).click()
    const log = page.getByTestId('delivery-log')
    await expect
      .poll(async () => {
        await log.getByRole('button', { name: 'Refresh' }).click()
        return log.locator('[data-testid="delivery-row"][data-status="delivered"]').count()
      }, eventually)
      .toBe(1)
    expect(await log.getByTestId('delivery-row').textContent()).toContain('Version named')
    expect(await log.getByTestId('delivery-row').textContent()).toContain('200')

    await log.getByRole('button', { name: 'Resend the Version named delivery' }).click()
    await receiver.waitFor(2, (h) => h.json?.boardId === board.id)
    expect(tab.errors).toEqual([])
  })

  it('says why an endpoint is refused, and deletes one', async () => {
    const board = await createOwnedBoard(server.url, 'Refusals')
    const page = tab.page
    await page.goto(`${server.url}/b/${board.id}?key=${encodeURIComponent(board.ownerKey)}`)
    await waitForBoard(page)
    await openBoardMenu(page)
    await page.getByTestId('webhooks').click()
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/hooks')
    await page.getByLabel('Decision recorded').check()
    await page.getByRole('button', { name: 'Add webhook' }).click()
    await page.getByRole('alert').filter({ hasText: 'http or https' }).waitFor()
    expect(await page.getByTestId('webhook-item').count()).toBe(0)

    await page.getByLabel('Endpoint URL').fill(receiver.url)
    await page.getByRole('button', { name: 'Add webhook' }).click()
    await page.getByTestId('webhook-item').waitFor()
    await page.getByRole('button', { name: `Delete the webhook to ${receiver.url}` }).click()
    await page.getByText('No webhooks yet.').waitFor()
    const left = await fetch(`${server.url}/api/boards/${board.id}/webhooks`, {
      headers: { authorization: `Bearer ${board.ownerKey}` },
    })
    expect(((await left.json()) as { webhooks: unknown[] }).webhooks).toEqual([])
  })
})
