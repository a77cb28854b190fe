import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'

const maxAssetBytes = 4096

let server: TestServer
let browser: Browser
let viewer: BoardTab

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { MAX_ASSET_BYTES: String(maxAssetBytes) } }),
    launchBrowser(),
  ])
  viewer = await newTab(browser)
  await openBoard(viewer, server.url, await createBoard(server.url, 'Pictures'))
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** Drops a generated PNG of the given side length onto the canvas, as a pasted file would. */
function dropPng(page: Page, side: number): Promise<void> {
  return page.evaluate(async (size) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = size
    const context = canvas.getContext('2d')!
    // Noise does not compress, so the side length controls the file size.
    const pixels = context.createImageData(size, size)
    for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = Math.random() * 256
    context.putImageData(pixels, 0, 0)
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((png) => resolve(png!), 'image/png'),
    )
    const file = new File([blob], `noise-${size}.png`, { type: 'image/png' })
    await window.editor!.putExternalContent({ type: 'files', files: [file] })
  }, side)
}

function imageShapeCount(page: Page): Promise<number> {
  return page.evaluate(
    () => window.editor!.getCurrentPageShapes().filter((shape) => shape.type === 'image').length,
  )
}

function imageSources(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .editor!.getAssets()
      .map((asset) => ('src' in asset.props ? asset.props.src : null) ?? ''),
  )
}

describe('when an image is added to a board', () => {
  it('uploads it and keeps only the server URL in the document', async () => {
    await dropPng(viewer.page, 8)
    await expect
      .poll(() => imageSources(viewer.page), eventually)
      .toEqual([expect.stringMatching(/^\/api\/assets\/[A-Za-z0-9_-]{22}$/)])
    const [src] = await imageSources(viewer.page)
    const response = await fetch(`${server.url}${src}`)
    expect(response.headers.get('content-type')).toBe('image/png')
  })

  it('explains a refusal from the server and leaves no broken image', async () => {
    const before = await imageSources(viewer.page)
    const shapesBefore = await imageShapeCount(viewer.page)
    await dropPng(viewer.page, 64)
    const toast = viewer.page.locator('.tlui-toast__container', { hasText: 'Image too large' })
    await toast.waitFor()
    expect(await toast.textContent()).toContain(`${maxAssetBytes} bytes`)
    await expect.poll(() => imageSources(viewer.page), eventually).toEqual(before)
    expect(await imageShapeCount(viewer.page)).toBe(shapesBefore)
  })
})
