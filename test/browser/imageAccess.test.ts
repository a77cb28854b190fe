import type { Browser } from 'playwright-core'
import type { TLAssetId, TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  eventually,
  launchBrowser,
  newTab,
  waitForShape,
  watchViolations,
  type BoardTab,
} from './browser'
import {
  copySelection,
  dropPng,
  exportedSvg,
  imageSources,
  paste,
  selectImages,
  shownImages,
} from './imageDriver'
import {
  createSharedBoardByApi,
  fitBoard,
  openLink,
  ownerLink,
  type SharedBoard,
} from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab
let viewer: BoardTab

beforeAll(async () => {
  // Images are private to their board: share links, not an open instance.
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

// Two screens load the board editor in each test: on two busy cores that takes a while.
const twoScreens = { timeout: 120_000 }

const UploadedSrc = /^\/api\/boards\/([A-Za-z0-9_-]{22})\/assets\/[A-Za-z0-9_-]{22}$/

/** The image asset records of a board as the server stores them, read by a plain Yjs client. */
async function storedImageSources(board: SharedBoard): Promise<string[]> {
  const client = connectClient(server.wsUrl, board.id, { params: { key: board.ownerKey } })
  try {
    await client.synced
    const sources: string[] = []
    for (const value of client.records.values()) {
      const record = JSON.parse(String(value)) as { typeName: string; props: { src?: string } }
      if (record.typeName === 'asset') sources.push(record.props.src ?? '')
    }
    return sources
  } finally {
    client.destroy()
  }
}

/** Opens a board's view link on the viewer's screen and waits until it shows `count` images. */
async function viewerSeesImages(board: SharedBoard, count: number): Promise<string[]> {
  await openLink(viewer, board.links.view)
  await fitBoard(viewer.page)
  await expect.poll(() => shownImages(viewer.page), eventually).toHaveLength(count)
  return shownImages(viewer.page)
}

describe('when the owner adds an image and shares the board by its view link', () => {
  it(
    'shows it to the viewer, fetched with the view key, with no policy violation, and stores no key',
    twoScreens,
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Sketches')
      await openLink(owner, ownerLink(server.url, board))
      await dropPng(owner.page, 16)
      await expect
        .poll(() => imageSources(owner.page), eventually)
        .toEqual([expect.stringMatching(UploadedSrc)])
      const [src] = await imageSources(owner.page)
      expect(UploadedSrc.exec(src!)![1]).toBe(board.id)

      const violations = await watchViolations(viewer.page)
      const shown = await viewerSeesImages(board, 1)
      const viewKey = new URL(board.links.view).searchParams.get('key')!
      expect(shown).toEqual([`${server.url}${src}?key=${viewKey}`])
      expect(await imageSources(viewer.page)).toEqual([src])
      // Exporting fetches the image through the same address and embeds it.
      expect(await exportedSvg(viewer.page)).toContain('data:image/png;base64,')
      expect(await violations()).toEqual([])
      await viewer.page.screenshot({ path: '/tmp/image-on-view-link.png' })

      const stored = await storedImageSources(board)
      expect(stored).toEqual([src])
      for (const key of [board.ownerKey, viewKey]) expect(JSON.stringify(stored)).not.toContain(key)
    },
  )
})

describe('when an image is copied from one board and pasted into another', () => {
  it('uploads it again to the other board, whose viewers see it', twoScreens, async () => {
    const from = await createSharedBoardByApi(server.url, 'From')
    const to = await createSharedBoardByApi(server.url, 'To')
    await openLink(owner, ownerLink(server.url, from))
    await dropPng(owner.page, 16)
    await expect
      .poll(() => imageSources(owner.page), eventually)
      .toEqual([expect.stringMatching(UploadedSrc)])
    const [original] = await imageSources(owner.page)
    expect((await selectImages(owner.page)).length).toBe(1)
    const copied = await copySelection(owner.page)
    expect(copied).toContain('"src":"data:image/png;base64,')
    expect(copied).not.toContain(original)

    const violations = await watchViolations(owner.page)
    await openLink(owner, ownerLink(server.url, to))
    await paste(owner.page, copied)
    await expect
      .poll(() => imageSources(owner.page), eventually)
      .toEqual([expect.stringMatching(UploadedSrc)])
    const [pasted] = await imageSources(owner.page)
    expect(UploadedSrc.exec(pasted!)![1]).toBe(to.id)
    expect(pasted).not.toBe(original)
    expect(await violations()).toEqual([])

    await viewerSeesImages(to, 1)
  })
})

describe('when a board stored an image at the address images had before they were private', () => {
  it(
    'still shows it, fetched from the board with the key of the person looking',
    twoScreens,
    async () => {
      const board = await createSharedBoardByApi(server.url, 'Older board')
      await openLink(owner, ownerLink(server.url, board))
      const assetId = await owner.page.evaluate(
        async ({ boardId, key }) => {
          const canvas = document.createElement('canvas')
          canvas.width = canvas.height = 12
          const context = canvas.getContext('2d')!
          context.fillStyle = '#c33'
          context.fillRect(0, 0, 12, 12)
          const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!)))
          const res = await fetch(`/api/boards/${boardId}/assets`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'image/png' },
            body: png,
          })
          return ((await res.json()) as { id: string }).id
        },
        { boardId: board.id, key: board.ownerKey },
      )
      await owner.page.evaluate((id) => {
        const editor = window.editor!
        const asset = 'asset:older' as TLAssetId
        editor.createAssets([
          {
            id: asset,
            typeName: 'asset',
            type: 'image',
            props: {
              src: `/api/assets/${id}`,
              w: 120,
              h: 120,
              name: 'older.png',
              isAnimated: false,
              mimeType: 'image/png',
            },
            meta: {},
          },
        ])
        editor.createShape({
          id: 'shape:older' as TLShapeId,
          type: 'image',
          x: 0,
          y: 0,
          props: { assetId: asset, w: 120, h: 120 },
        })
      }, assetId)
      await waitForShape(owner.page, 'older')

      const shown = await viewerSeesImages(board, 1)
      expect(new URL(shown[0]!).pathname).toBe(`/api/boards/${board.id}/assets/${assetId}`)
      expect(await imageSources(viewer.page)).toEqual([`/api/assets/${assetId}`])
    },
  )
})
