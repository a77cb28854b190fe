import type { Browser } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, waitForBoard, type BoardTab } from './browser'
import { createSharedBoardByApi, ownerLink, type SharedBoard } from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  owner = await newTab(browser)
  await owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.url,
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

/** REST calls on a board as its owner, answering status and body. */
const rest = (board: SharedBoard) => async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/api/boards/${board.id}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${board.ownerKey}`,
      'x-participant': 'owner-'.padEnd(40, 'x'),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
  return (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text
}

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

describe('what changed between a version and now', () => {
  it('highlights what was added, removed, changed and moved, lists it in words, and copies it as markdown', async () => {
    const board = await createSharedBoardByApi(server.url, 'Churn discovery')
    const call = rest(board)
    const lean = await call('POST', '/canvases', {
      kind: 'lean',
      title: 'Churn',
      boxes: { problem: ['Users forget', 'Too pricey'] },
    })
    const hypothesis = await call('POST', '/canvases', {
      kind: 'hypothesis',
      title: 'Reminders',
      metrics: [{ key: 'conversion', kind: 'success', unit: '%', target: { value: 5 } }],
    })
    const page = owner.page
    await page.goto(ownerLink(server.url, board))
    await waitForBoard(page)
    // People drew a few things beside the canvases.
    await page.evaluate(
      ({ gone, kept }) => {
        const editor = window.editor!
        const right = editor.getCurrentPageBounds()!.maxX + 200
        editor.createShapes([
          {
            id: 'shape:kept' as TLShapeId,
            type: 'note',
            x: right,
            y: 0,
            props: { richText: kept },
          },
          {
            id: 'shape:gone' as TLShapeId,
            type: 'note',
            x: right,
            y: 300,
            props: { richText: gone },
          },
          {
            id: 'shape:mover' as TLShapeId,
            type: 'geo',
            x: right + 300,
            y: 0,
            props: { w: 160, h: 100 },
          },
        ])
      },
      { gone: paragraph('Call them'), kept: paragraph('Keep me') },
    )
    await expect
      .poll(async () => (await call('GET', '/export.md')) as string, eventually)
      .toContain('Call them')
    const monday = await call('POST', '/versions', { name: 'Monday' })

    // After the version: an item added, a metric's target changed, a sticky removed, a shape moved.
    const [forget, pricey] = lean.boxes.problem as { id: string; text: string }[]
    await call('PATCH', `/canvases/${lean.id}`, {
      boxes: { problem: [forget, pricey, 'Slow support'] },
    })
    const [metric] = hypothesis.metrics as Record<string, unknown>[]
    await call('PATCH', `/canvases/${hypothesis.id}`, {
      metrics: [{ ...metric, target: { value: 6 } }],
    })
    await page.evaluate(() => {
      const editor = window.editor!
      editor.deleteShapes(['shape:gone' as TLShapeId])
      const mover = editor.getShape('shape:mover' as TLShapeId)!
      editor.updateShape({ id: mover.id, type: 'geo', x: mover.x + 200, y: mover.y + 400 })
    })

    // A link names the comparison: opening it shows what changed.
    await page.goto(`${server.url}/b/${board.id}?compare=${monday.id}..now`)
    await waitForBoard(page)
    const panel = page.getByTestId('diff-panel')
    await expect
      .poll(() => panel.getByTestId('diff-summary').textContent(), eventually)
      .toBe('1 added · 1 removed · 1 changed · 1 moved')
    const lines = await panel.getByTestId('diff-line').allTextContents()
    expect(lines).toEqual([
      'Problem: added “Slow support”',
      'Metric “conversion”: target 5 → 6',
      'Moved a geo',
      'Removed “Call them”',
    ])
    await page.evaluate(() => {
      window.editor!.zoomToFit()
    })

    // On the board: the new item green, the metric outlined, the sticky a ghost, the move shown.
    const newItem = page.locator('[data-testid="box-item"][data-diff="added"]')
    await expect
      .poll(() => newItem.locator('textarea').inputValue(), eventually)
      .toBe('Slow support')
    expect(await page.locator('[data-testid="box-item"][data-diff]').count()).toBe(1)
    expect(
      await page
        .locator('[data-testid="metric"][data-metric-key="conversion"]')
        .getAttribute('data-diff'),
    ).toBe('changed')
    const ghost = page.locator('[data-testid="diff-ghost"][data-shape-id="shape:gone"]')
    expect(await ghost.getAttribute('data-change')).toBe('removed')
    expect(await ghost.textContent()).toBe('Call them')
    expect(
      await page
        .locator('[data-testid="diff-mark"][data-shape-id="shape:mover"]')
        .getAttribute('data-change'),
    ).toBe('moved')
    expect(
      await page.locator('[data-testid="diff-ghost"][data-shape-id="shape:mover"]').count(),
    ).toBe(1)
    expect(await page.getByTestId('diff-move-arrow').count()).toBe(1)
    // The sticky that stayed where it was is not marked.
    expect(await page.locator('[data-shape-id="shape:kept"][data-testid^="diff"]').count()).toBe(0)
    await page.screenshot({ path: '.shot/history-diff-board.png' })

    // Compared with now, the list follows the board as it changes.
    await call('PATCH', `/canvases/${lean.id}`, {
      boxes: { problem: [forget, 'Slow support', 'Hard to cancel'] },
    })
    await expect
      .poll(() => panel.getByTestId('diff-line').allTextContents(), eventually)
      .toContain('Problem: removed “Too pricey”')
    expect(await page.locator('[data-testid="diff-removed-part"]').textContent()).toBe('Too pricey')

    // A click on a line takes the camera there.
    const before = await page.evaluate(() => window.editor!.getCamera())
    await panel.getByTestId('diff-line').filter({ hasText: 'Removed “Call them”' }).click()
    await expect
      .poll(() => page.evaluate(() => window.editor!.getCamera()), eventually)
      .not.toEqual(before)
    await page.screenshot({ path: '.shot/history-diff-focus.png' })

    // Copy as markdown puts the server's markdown of the same comparison on the clipboard.
    await panel.getByTestId('diff-copy').click()
    await expect.poll(() => panel.getByTestId('diff-copy').textContent(), eventually).toBe('Copied')
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await call('GET', `/diff.md?from=${monday.id}&to=now`))
    expect(copied).toContain('- Removed “Call them”')

    // The address names the comparison; Escape closes it and every highlight goes.
    expect(new URL(page.url()).searchParams.get('compare')).toBe(`${monday.id}..now`)
    await panel.getByTestId('diff-from').focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => panel.count(), eventually).toBe(0)
    await expect
      .poll(
        () =>
          page
            .locator('[data-diff], [data-testid="diff-ghost"], [data-testid="diff-mark"]')
            .count(),
        eventually,
      )
      .toBe(0)
    expect(new URL(page.url()).searchParams.has('compare')).toBe(false)
    expect(owner.errors).toEqual([])
  })

  it('shows the changes between two versions on the newer one, read-only, and Escape goes back to the live board', async () => {
    const board = await createSharedBoardByApi(server.url, 'Two versions')
    const call = rest(board)
    const lean = await call('POST', '/canvases', {
      kind: 'lean',
      title: 'Monday title',
      boxes: { problem: ['Stays'] },
    })
    const monday = await call('POST', '/versions', { name: 'Monday' })
    await call('PATCH', `/canvases/${lean.id}`, { title: 'Tuesday title' })
    const tuesday = await call('POST', '/versions', { name: 'Tuesday' })
    await call('PATCH', `/canvases/${lean.id}`, { title: 'Title now' })

    const page = owner.page
    await page.goto(`${ownerLink(server.url, board)}&compare=${monday.id}..${tuesday.id}`)
    await waitForBoard(page)
    const version = page.getByTestId('version-view')
    await expect
      .poll(() => page.getByTestId('version-banner').textContent(), eventually)
      .toContain('“Tuesday”')
    // The newer version is shown, marked where it differs from the older.
    const title = version.locator(`[data-canvas-id="${lean.id}"] [data-diff="changed"]`)
    await expect.poll(() => title.count(), eventually).toBeGreaterThan(0)
    const fields = await version
      .locator(`[data-canvas-id="${lean.id}"]`)
      .first()
      .evaluate((canvas) =>
        [...canvas.querySelectorAll<HTMLInputElement>('input, textarea')].map((f) => f.value),
      )
    expect(fields).toContain('Tuesday title')
    expect(fields).not.toContain('Title now')
    await page.screenshot({ path: '.shot/history-diff-two-versions.png' })

    // Choosing "Now" shows the live board with the marks instead.
    await page.getByTestId('diff-to').selectOption('now')
    await expect.poll(() => version.count(), eventually).toBe(0)
    await page.getByTestId('diff-to').selectOption(tuesday.id)
    await expect.poll(() => version.count(), eventually).toBe(1)

    await page.keyboard.press('Escape')
    await expect.poll(() => version.count(), eventually).toBe(0)
    await expect.poll(() => page.getByTestId('diff-panel').count(), eventually).toBe(0)
    expect(owner.errors).toEqual([])
  })

  it('says nothing changed between a version and itself', async () => {
    const board = await createSharedBoardByApi(server.url, 'Quiet board')
    const call = rest(board)
    await call('POST', '/canvases', { kind: 'lean', title: 'Same', boxes: { problem: ['Stays'] } })
    const version = await call('POST', '/versions', { name: 'Only' })
    const page = owner.page
    await page.goto(`${ownerLink(server.url, board)}&compare=${version.id}..${version.id}`)
    await waitForBoard(page)
    await expect
      .poll(() => page.getByTestId('diff-empty').textContent(), eventually)
      .toBe('Nothing changed between these two versions.')
    await page.screenshot({ path: '.shot/history-diff-empty.png' })
  })
})
