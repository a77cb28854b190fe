import { readFileSync } from 'node:fs'
import type { Browser, Locator, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, createHypothesis, setStatus, type Api } from '../helpers/api'
import { createOwnedBoard, type OwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
let first: BoardTab
let second: BoardTab
/** One board for the file; each test works on a hypothesis of its own on it. */
let board: OwnedBoard

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = apiClient(server.url)
  board = await createOwnedBoard(server.url, 'Check-ins')
  ;[first, second] = await Promise.all([newTab(browser), newTab(browser)])
  for (const tab of [first, second]) {
    await tab.page.setViewportSize({ width: 1560, height: 1000 })
    await openBoard(tab, server.url, board.id)
  }
})

afterAll(async () => {
  expect(first?.errors).toEqual([])
  expect(second?.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

/** Shows a canvas at 100 % zoom with its top left corner in view. */
async function showAtFullSize(page: Page, canvasId: string) {
  await page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, canvasId)
}

async function shown(page: Page, id: string): Promise<Locator> {
  const canvas = canvasOn(page, id)
  await canvas.waitFor({ state: 'attached' })
  await showAtFullSize(page, id)
  await canvas.waitFor()
  return canvas
}

async function openCheckins(canvas: Locator) {
  if (!(await canvas.getByTestId('tracking-panel').isVisible())) {
    await canvas.getByTestId('toggle-tracking').click()
  }
  await canvas.getByTestId('tracking-tab-checkins').click()
}

describe('a check-in on a running hypothesis', () => {
  it('shows on a second screen, and the stakeholder update downloads', async () => {
    const id = await createHypothesis(api, board.id, { title: 'Cheaper plan' })
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
    const mine = await shown(first.page, id)
    await expect
      .poll(() => mine.getByTestId('checkin-due').first().textContent(), eventually)
      .toMatch(/^Next check-in due /)
    await openCheckins(mine)
    const form = mine.getByTestId('checkin-form')
    await form.getByTestId('checkin-happened').fill('Launched to a tenth of visitors')
    await form.getByTestId('checkin-likelihood').selectOption('percent')
    await form.getByTestId('checkin-percent').fill('140')
    await form.getByTestId('record-checkin').click()
    await expect
      .poll(() => form.getByTestId('checkin-message').textContent(), eventually)
      .toContain('0 to 100')
    await form.getByTestId('checkin-percent').fill('60')
    await form.getByTestId('checkin-momentum').selectOption('stuck')
    await form.getByTestId('checkin-next').fill('Widen to half')
    await form.getByTestId('record-checkin').click()

    const theirs = await shown(second.page, id)
    await openCheckins(theirs)
    await expect
      .poll(() => theirs.getByTestId('checkin-item').first().textContent(), eventually)
      .toContain('60 %, stuck')
    expect(await theirs.getByTestId('checkin-item').first().textContent()).toContain(
      'Launched to a tenth of visitors',
    )

    const [download] = await Promise.all([
      second.page.waitForEvent('download', eventually),
      theirs.getByTestId('update-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('Cheaper plan update.md')
    const text = readFileSync((await download.path())!, 'utf8')
    expect(text).toContain('# Cheaper plan: update of')
    expect(text).toContain('likelihood of success 60 %, stuck')
    expect(text).toContain('Next experiments: Widen to half')
  })
})
