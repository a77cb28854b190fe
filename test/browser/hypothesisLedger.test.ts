import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Browser, Locator, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HypothesisViewSchema } from '../../shared/api/hypotheses'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  createToken,
  setStatus,
  type Api,
} from '../helpers/api'
import { createOwnedBoard, type OwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
let tab: BoardTab
/** One board for the whole file; each test works on a hypothesis of its own on it. */
let board: OwnedBoard

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = apiClient(server.url)
  board = await createOwnedBoard(server.url, 'Ledger')
  tab = await newTab(browser)
  await tab.page.setViewportSize({ width: 1560, height: 1000 })
  await openBoard(tab, server.url, board.id)
})

afterAll(async () => {
  expect(tab?.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

const view = async (id: string) =>
  HypothesisViewSchema.parse((await api(`/api/boards/${board.id}/hypotheses/${id}`)).json)

/** Shows a canvas at 100 % zoom with its top left corner in view. */
async function showAtFullSize(page: Page, canvasId: string) {
  await page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, canvasId)
}

/** Creates a hypothesis through the API and shows it at full size; returns its id and canvas. */
async function newHypothesis(over: Record<string, unknown> = {}) {
  const id = await createHypothesis(api, board.id, over)
  const canvas = canvasOn(tab.page, id)
  await canvas.waitFor({ state: 'attached' })
  await showAtFullSize(tab.page, id)
  await canvas.waitFor()
  return { id, canvas }
}

async function openTab(canvas: Locator, name: 'measurements' | 'assumptions') {
  if (!(await canvas.getByTestId('tracking-panel').isVisible())) {
    await canvas.getByTestId('toggle-tracking').click()
  }
  await canvas.getByTestId(`tracking-tab-${name}`).click()
}

const metricCard = (canvas: Locator, key: string) =>
  canvas.locator(`[data-testid="metric"][data-metric-key="${key}"]`)

describe('when a hypothesis lists its assumptions', () => {
  it('shows them riskiest first with their state, and keeps a re-ranking and a new one', async () => {
    const { id, canvas } = await newHypothesis({
      assumptions: [
        { text: 'People read the copy', state: 'broken' },
        { text: 'Price is not the blocker' },
      ],
    })
    await openTab(canvas, 'assumptions')
    const rows = canvas.getByTestId('assumption')
    await expect.poll(() => rows.count(), eventually).toBe(2)
    expect(await rows.nth(0).getAttribute('data-state')).toBe('broken')
    expect(await rows.nth(1).getAttribute('data-state')).toBe('untested')

    await rows.nth(1).getByLabel('State of assumption 2').selectOption('holding')
    await rows.nth(1).getByRole('button', { name: 'Riskier' }).click()
    await canvas.getByTestId('add-assumption').click()
    await tab.page.keyboard.type('Mobile behaves like desktop')

    await expect
      .poll(async () => (await view(id)).assumptions.map((a) => [a.text, a.state]), eventually)
      .toEqual([
        ['Price is not the blocker', 'holding'],
        ['People read the copy', 'broken'],
        ['Mobile behaves like desktop', 'untested'],
      ])
  })
})

describe('when a target is set relative to the baseline', () => {
  it('shows what it resolves to, and keeps the baseline date and source typed on the card', async () => {
    const { id, canvas } = await newHypothesis()
    const card = metricCard(canvas, 'conversion')
    await card.getByTestId('metric-target-kind').selectOption('%')
    const change = card.getByLabel('Target change over baseline')
    await change.fill('10')
    await change.press('Enter')
    await expect
      .poll(() => card.getByTestId('metric-relative-target').textContent(), eventually)
      .toBe('+10 % over baseline (→ 4.4)')

    await card.getByLabel('Baseline date').fill('2026-10-01')
    await card.getByLabel('Baseline source').fill('warehouse')
    await expect
      .poll(async () => (await view(id)).criteria[0], eventually)
      .toMatchObject({
        baseline: { value: 4, at: '2026-10-01T00:00:00.000Z', source: 'warehouse' },
        target: { relative: { by: 10, unit: '%' } },
      })
    // The relative target is complete: the hypothesis can start.
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
  })
})

describe('when a pipeline is to post measurements', () => {
  it('shows the hypothesis id and a curl command that records a measurement as copied', async () => {
    const { id, canvas } = await newHypothesis()
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
    await openTab(canvas, 'measurements')
    expect(await canvas.getByTestId('hypothesis-id').textContent()).toBe(id)
    const curl = (await canvas.getByTestId('measurement-curl').textContent())!
    expect(curl).toContain(`${server.url}/api/boards/${board.id}/hypotheses/${id}/measurements`)

    // Run as written, with only the token set: it records a measurement.
    const { token } = await createToken(api, board, 'nightly')
    const run = await promisify(execFile)('sh', ['-c', `${curl} --silent --fail-with-body`], {
      env: { ...process.env, TOKEN: token },
    })
    expect(JSON.parse(run.stdout)).toMatchObject({ recorded: 1 })
    await expect.poll(async () => (await view(id)).measurements.length, eventually).toBe(1)
  })
})

describe('when a hypothesis is decided before its time box ends', () => {
  it('shows the date and the verdict the decision was made on, not pending', async () => {
    const { id, canvas } = await newHypothesis({
      metrics: [{ ...checkoutMetrics[0] }, checkoutMetrics[1]],
    })
    expect((await setStatus(api, board.id, id, 'running')).status).toBe(200)
    const decided = await api(`/api/boards/${board.id}/hypotheses/${id}/decision`, {
      body: { decision: 'stop', rationale: 'No signal', by: 'Ana' },
    })
    expect(decided.status).toBe(201)
    const badge = canvas.getByTestId('hypothesis-verdict')
    await expect.poll(() => badge.getAttribute('data-verdict'), eventually).toBe('inconclusive')
    expect(await badge.locator('strong').textContent()).toMatch(/^Decided .+: Inconclusive$/)
  })
})
