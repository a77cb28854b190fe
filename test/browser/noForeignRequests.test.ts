import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { drawRectangle, launchBrowser, newTab, waitForBoard, waitForShape } from './browser'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('when a board is loaded from scratch', () => {
  it('requests nothing from any host but its own', async () => {
    await createBoard(server.url, 'Self-hosted')
    const { context, page } = await newTab(browser)
    const ownHost = new URL(server.url).host
    const requested: string[] = []
    context.on('request', (request) => requested.push(request.url()))
    page.on('websocket', (socket) => requested.push(socket.url()))

    await page.goto(server.url)
    await page.locator('[data-testid="board-item"]').first().waitFor()
    await page.getByTestId('board-item-title').first().click()
    await waitForBoard(page)

    // Text and notes pull in fonts; the toolbar pulls in icons.
    await drawRectangle(page, 'box', 0, 0)
    await page.evaluate(() => {
      window.editor!.createShape({ type: 'text', x: 0, y: 200, props: {} })
      window.editor!.createShape({ type: 'note', x: 300, y: 200 })
    })
    await waitForShape(page, 'box')
    await page.evaluate(() => document.fonts.ready)
    await page.getByRole('button', { name: /note/i }).first().waitFor()

    const isLocal = (url: string) => url.startsWith('data:') || url.startsWith('blob:')
    const foreign = requested.filter((url) => !isLocal(url) && new URL(url).host !== ownHost)
    expect(requested.length).toBeGreaterThan(5)
    expect(foreign).toEqual([])
    await context.close()
  })
})
