import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Download, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoardMenu, type BoardTab } from './browser'
import { dropPng } from './imageDriver'
import {
  createSharedBoardByApi,
  fitBoard,
  openLink,
  ownerApi,
  ownerLink,
  type SharedBoard,
} from './workshopDriver'

const BoardTitle = 'Churn model discovery'
const CanvasTitle = 'Churn hypothesis'
const CanvasItem = 'Customers leave after the trial'
const FrameName = 'Interviews'
const FramedSticky = 'Call churned customers'
const LooseSticky = 'Try a longer trial'

let server: TestServer
let browser: Browser
let owner: BoardTab
let board: SharedBoard
let canvasId: string
// Set KEEP_EXPORTS to a folder to keep the files and their renderings for a look.
const folder = process.env.KEEP_EXPORTS ?? mkdtempSync(join(tmpdir(), 'board-exports-'))

beforeAll(async () => {
  mkdirSync(folder, { recursive: true })
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  owner = await newTab(browser)
  board = await createSharedBoardByApi(server.url, BoardTitle)
  const canvas = (await ownerApi(server.url, board)('/canvases', {
    kind: 'hypothesis',
    title: CanvasTitle,
    boxes: { problem: [CanvasItem] },
  })) as { id: string }
  canvasId = canvas.id
  await openLink(owner, ownerLink(server.url, board))
  await addFrameAndStickies(owner.page)
  await dropPng(owner.page, 48)
  await fitBoard(owner.page)
  // The image is uploaded and shown from the server before any export reads it.
  await owner.page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement>('img.tl-image')].some(
      (img) => img.complete && img.naturalWidth > 0 && !img.src.startsWith('blob:'),
    ),
  )
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
  if (!process.env.KEEP_EXPORTS) rmSync(folder, { recursive: true, force: true })
})

/** A frame with a sticky in it, right of the canvas, and a sticky on its own below it. */
function addFrameAndStickies(page: Page) {
  return page.evaluate(
    ({ frameName, framed, loose }) => {
      const editor = window.editor!
      const text = (t: string) => ({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }],
      })
      const frame = 'shape:interviews' as TLShapeId
      editor.createShape({
        id: frame,
        type: 'frame',
        x: 1400,
        y: 0,
        props: { w: 500, h: 400, name: frameName },
      })
      editor.createShape({
        id: 'shape:framed' as TLShapeId,
        type: 'note',
        parentId: frame,
        x: 60,
        y: 80,
        props: { richText: text(framed) },
      })
      editor.createShape({
        id: 'shape:loose' as TLShapeId,
        type: 'note',
        x: 1400,
        y: 600,
        props: { richText: text(loose) },
      })
    },
    { frameName: FrameName, framed: FramedSticky, loose: LooseSticky },
  )
}

/** Saves a download in the test folder and returns where. */
async function save(download: Download, name: string) {
  const path = join(folder, name)
  await download.saveAs(path)
  return path
}

/** The text of a PDF, as poppler reads it. */
/** The words of a PDF, as poppler reads them, one space between each. */
const pdfText = (path: string) =>
  execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

/**
 * Renders a PDF's page to PNG at 50 dpi (kept beside it, to look at) and counts the pixels
 * that are not white, from a grey rendering of the same page.
 */
function renderPdf(path: string): { png: string; inkedPixels: number; pixels: number } {
  execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', path, path.replace(/\.pdf$/, '')])
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '50', '-singlefile', path])
  // A binary PGM: "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!
  const pixels = Number(header[1]) * Number(header[2])
  const data = pgm.subarray(header[0].length)
  let inkedPixels = 0
  for (const value of data) if (value < 200) inkedPixels++
  return { png: path.replace(/\.pdf$/, '.png'), inkedPixels, pixels }
}

/** Checks a file is a PDF of one page whose rendering is not blank; returns its text. */
function expectPdf(path: string): string {
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' })
  expect(info).toMatch(/^Pages:\s+1$/m)
  expect(info).toMatch(new RegExp(`^Title:\\s+${BoardTitle}`, 'm'))
  const { inkedPixels, pixels } = renderPdf(path)
  expect(inkedPixels / pixels).toBeGreaterThan(0.003)
  return pdfText(path)
}

/** Runs `action` and returns the download it starts. */
async function downloadOf(page: Page, action: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    action(),
  ])
  return download
}

/** The board's note that an export is being prepared. */
const preparing = (page: Page) => page.getByTestId('export-status').getByRole('status')

/** Selects one shape and opens the context menu on it. */
async function openContextMenuOn(page: Page, id: string) {
  const at = await page.evaluate((shapeId) => {
    const editor = window.editor!
    editor.select(shapeId as TLShapeId)
    const bounds = editor.getShapePageBounds(shapeId as TLShapeId)!
    // A frame is picked by its edge or heading; a point just inside its top left corner.
    return editor.pageToScreen({ x: bounds.minX + 10, y: bounds.minY + 10 }).toJson()
  }, id)
  await page.mouse.click(at.x, at.y, { button: 'right' })
}

// In the order written: when the markdown downloads ran first, the PDF downloads that followed
// never started in Chromium (the cause is not found yet), so the markdown test comes last.
describe('exporting a board', { shuffle: false }, () => {
  // Each case starts from the whole board in view, no menu open (cases run in any order).
  beforeEach(async () => {
    await owner.page.keyboard.press('Escape')
    await owner.page.keyboard.press('Escape')
    await owner.page.getByRole('menu').waitFor({ state: 'detached' })
    await fitBoard(owner.page)
  })

  it('says the PDF is being prepared, then downloads the whole board as a vector PDF', async () => {
    // Hold the PDF code on its way, to see the status while it waits.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await owner.page.route(/pdfFromSvg.*\.js$/, async (route) => {
      await held
      await route.continue()
    })
    const downloading = owner.page.waitForEvent('download', { timeout: 60_000 })
    await openBoardMenu(owner.page)
    await owner.page.getByRole('menuitem', { name: 'Export as PDF' }).click()
    await expect.poll(() => preparing(owner.page).textContent(), eventually).toBe('Preparing PDF…')
    expect(await owner.page.getByTestId('board-more').textContent()).toContain('Exporting…')
    release()
    const download = await downloading
    await owner.page.unroute(/pdfFromSvg.*\.js$/)
    expect(download.suggestedFilename()).toBe(`${BoardTitle}.pdf`)
    const path = await save(download, 'board.pdf')
    const text = expectPdf(path)
    for (const expected of [CanvasTitle, CanvasItem, FramedSticky, LooseSticky]) {
      expect(text).toContain(expected)
    }
    // The image on the board is in the PDF.
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })).toMatch(
      /\n\s*\d+\s+\d+\s+image/,
    )
    await expect.poll(() => preparing(owner.page).count(), eventually).toBe(0)
    expect(owner.errors.join('\n')).toBe('')
  })

  it('downloads one frame as a PDF from its context menu, named after the board and the frame', async () => {
    await openContextMenuOn(owner.page, 'shape:interviews')
    const download = await downloadOf(owner.page, () =>
      owner.page.getByRole('menuitem', { name: 'Export frame as PDF' }).click(),
    )
    expect(download.suggestedFilename()).toBe(`${BoardTitle} – ${FrameName}.pdf`)
    const text = expectPdf(await save(download, 'frame.pdf'))
    expect(text).toContain(FramedSticky)
    expect(text).not.toContain(LooseSticky)
    expect(text).not.toContain(CanvasItem)
  })

  it('downloads one canvas as a PDF from its card, with its title and items', async () => {
    const card = owner.page.locator(`[data-testid="canvas-card"][data-canvas-id="${canvasId}"]`)
    const download = await downloadOf(owner.page, () =>
      card.getByTestId('export-canvas-pdf').click(),
    )
    expect(download.suggestedFilename()).toBe(`${BoardTitle} – ${CanvasTitle}.pdf`)
    const text = expectPdf(await save(download, 'canvas.pdf'))
    expect(text).toContain(CanvasTitle)
    expect(text).toContain(CanvasItem)
    expect(text).toContain('Hypothesis canvas')
    expect(text).not.toContain(LooseSticky)
  })

  it("names tldraw's own image export after the board and the frame", async () => {
    await openContextMenuOn(owner.page, 'shape:interviews')
    await owner.page.getByTestId('context-menu-sub.export-as-button').click()
    const download = await downloadOf(owner.page, () =>
      owner.page.getByTestId('context-menu.export-as-png').click(),
    )
    expect(download.suggestedFilename()).toBe(`${BoardTitle} – ${FrameName}.png`)
  })

  it('says why when the PDF cannot be made, and leaves the board as it was', async () => {
    const page = owner.page
    // A fresh page, so the PDF code is fetched again, and the fetch fails.
    await page.reload()
    await page.waitForFunction(() => window.editor !== undefined, undefined, { timeout: 60_000 })
    const shapesBefore = await page.evaluate(() => window.editor!.getCurrentPageShapeIds().size)
    await page.route(/pdfFromSvg.*\.js$/, (route) => route.abort())
    await openBoardMenu(page)
    await page.getByRole('menuitem', { name: 'Export as PDF' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent(), eventually)
      .toContain('The PDF export could not be loaded')
    await page.unroute(/pdfFromSvg.*\.js$/)
    expect(await page.evaluate(() => window.editor!.getCurrentPageShapeIds().size)).toBe(
      shapesBefore,
    )
    await page.getByRole('button', { name: 'Dismiss error' }).click()
    await expect.poll(() => page.getByRole('alert').count(), eventually).toBe(0)
    expect(await page.getByTestId('board-more').textContent()).toBe('More')
  })

  it('downloads the markdown named after the board, with the canvas and the stickies', async () => {
    // The markdown comes from the server: wait until it has the stickies.
    await expect
      .poll(
        async () =>
          (
            await fetch(`${server.url}/api/boards/${board.id}/export.md`, {
              headers: { authorization: `Bearer ${board.ownerKey}` },
            })
          ).text(),
        eventually,
      )
      .toContain(LooseSticky)
    // A tab of its own, so the owner's tab is left as the other tests found it.
    const reader = await newTab(browser)
    const page = reader.page
    await openLink(reader, ownerLink(server.url, board))
    await fitBoard(page)
    await openBoardMenu(page)
    const download = await downloadOf(page, () => page.getByTestId('download-board').click())
    expect(download.suggestedFilename()).toBe(`${BoardTitle}.md`)
    const markdown = readFileSync(await save(download, 'board.md'), { encoding: 'utf8' })
    expect(markdown).toContain(`# ${BoardTitle}`)
    expect(markdown).toContain(`## ${CanvasTitle}`)
    expect(markdown).toContain(CanvasItem)
    expect(markdown).toContain(FramedSticky)
    expect(markdown).toContain(LooseSticky)

    // A canvas's own markdown, and the workshop summary, are named after the board too.
    const canvasDownload = await downloadOf(page, () =>
      page.getByTestId('download-canvas').first().click(),
    )
    expect(canvasDownload.suggestedFilename()).toBe(`${BoardTitle} – ${CanvasTitle}.md`)
    await openBoardMenu(page)
    expect(await page.getByTestId('workshop-summary').getAttribute('download')).toBe(
      `${BoardTitle} – Workshop summary.md`,
    )
    await reader.context.close()
  })
})
