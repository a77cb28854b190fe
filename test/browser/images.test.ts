import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { dropPng, imageShapeCount, imageSources } from './imageDriver'

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

describe('when an image is added to a board', () => {
  it('uploads it and keeps only its path under the board in the document', async () => {
    await dropPng(viewer.page, 8)
    await expect
      .poll(() => imageSources(viewer.page), eventually)
      .toEqual([
        expect.stringMatching(/^\/api\/boards\/[A-Za-z0-9_-]{22}\/assets\/[A-Za-z0-9_-]{22}$/),
      ])
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
