import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CanvasKinds } from '../../shared/canvases/registry'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { insertFromPicker } from './canvasDriver'
import {
  drawRectangle,
  launchBrowser,
  newTab,
  waitForBoard,
  waitForShape,
  watchViolations,
} from './browser'

let server: TestServer
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('when the app runs under its content security policy', () => {
  it('shows the board list, a board with every canvas kind and an image, and the tracker without a violation', async () => {
    const boardId = await createBoard(server.url, 'Under policy')
    const { context, page } = await newTab(browser)
    const violations = await watchViolations(page)

    const response = await page.goto(server.url)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await page.locator('[data-testid="board-item"]').first().waitFor()
    expect(await violations()).toEqual([])

    await page.goto(`${server.url}/b/${boardId}`)
    await waitForBoard(page)
    for (const kind of CanvasKinds) await insertFromPicker(page, kind)
    // Text and notes pull in fonts; an image goes through the asset upload and back.
    await drawRectangle(page, 'box', 0, 0)
    await page.evaluate(async () => {
      window.editor!.createShape({ type: 'note', x: 300, y: 200 })
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = 8
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!)))
      const file = new File([blob], 'dot.png', { type: 'image/png' })
      await window.editor!.putExternalContent({ type: 'files', files: [file] })
    })
    await waitForShape(page, 'box')
    await page.waitForFunction(() =>
      window.editor!.getAssets().some((a) => 'src' in a.props && a.props.src?.startsWith('/api/')),
    )
    await page.evaluate(() => document.fonts.ready)
    expect(await violations()).toEqual([])

    await page.goto(`${server.url}/hypotheses`)
    await page.getByRole('heading').first().waitFor()
    expect(await violations()).toEqual([])
    await context.close()
  }, 90_000)
})
