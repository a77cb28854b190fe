import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { TrackerResponseSchema } from '../../shared/api/hypotheses'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api'
import { createBoard, createOwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, type BoardTab } from './browser'

const DAY_MS = 24 * 60 * 60 * 1000

/** A server of each test's own: the tracker lists every hypothesis of the instance. */
let server: TestServer
let api: Api
let browser: Browser
let tab: BoardTab
let page: Page
/** The server's clock runs this far from the real one; moved to start a time box in the past. */
let clockOffset = 0

/** Ids of what the seed created, by the name the tests use. */
const seeded = {
  checkout: '',
  onboarding: '',
  supported: '',
  overdue: '',
  draft: '',
  pending: '',
  refuted: '',
}

beforeAll(async () => {
  browser = await launchBrowser()
  tab = await newTab(browser)
  page = tab.page
})

// A new server listens on a new port, so the page also starts on an origin with nothing stored.
beforeEach(async () => {
  clockOffset = 0
  server = await startTestServer({ now: () => Date.now() + clockOffset })
  api = apiClient(server.url)
  await page.setViewportSize({ width: 1280, height: 800 })
})

afterEach(async () => {
  // Leave the server's pages first: a page still loading from a stopped server reports errors.
  await page.goto('about:blank')
  await server?.cleanup()
})

afterAll(async () => {
  await browser?.close()
})

const tracker = async (query = '') =>
  TrackerResponseSchema.parse((await api(`/api/hypotheses${query}`)).json)

/**
 * Two boards: "Checkout" with a supported, an overdue and a draft hypothesis, "Onboarding" with
 * a pending and a refuted one.
 */
async function seed() {
  const checkout = await createOwnedBoard(server.url, 'Checkout')
  const onboarding = await createOwnedBoard(server.url, 'Onboarding')
  seeded.checkout = checkout.id
  seeded.onboarding = onboarding.id

  // Started ten days ago with a one-day box and never measured: overdue and inconclusive.
  clockOffset = -10 * DAY_MS
  seeded.overdue = await createHypothesis(api, seeded.checkout, { title: 'Express shipping' })
  await api(`/api/boards/${seeded.checkout}/canvases/${seeded.overdue}`, {
    method: 'PATCH',
    body: { status: 'running', timeboxDays: 1 },
  })
  // The index stamps a change when it takes it in: let it catch up before the clock moves.
  await expect.poll(async () => (await tracker('?status=running')).total, eventually).toBe(1)
  clockOffset = 0

  seeded.supported = await createHypothesis(api, seeded.checkout)
  seeded.draft = await createHypothesis(api, seeded.checkout, { title: 'Guest checkout' })
  seeded.pending = await createHypothesis(api, seeded.onboarding, { title: 'Shorter sign-up' })
  seeded.refuted = await createHypothesis(api, seeded.onboarding, { title: 'Social login' })
  for (const [board, id] of [
    [seeded.checkout, seeded.supported],
    [seeded.onboarding, seeded.pending],
    [seeded.onboarding, seeded.refuted],
  ] as const) {
    expect((await setStatus(api, board, id, 'running')).status).toBe(200)
  }
  const checkoutToken = (await createToken(api, checkout)).token
  const onboardingToken = (await createToken(api, onboarding)).token
  const post = async (board: string, id: string, token: string, metric: string, value: number) =>
    expect(
      (await postMeasurements(api, board, id, token, { measurements: [{ metric, value }] })).status,
    ).toBe(200)
  await post(seeded.checkout, seeded.supported, checkoutToken, 'conversion', 5.3)
  await post(seeded.onboarding, seeded.pending, onboardingToken, 'conversion', 4.2)
  await post(seeded.onboarding, seeded.refuted, onboardingToken, 'latency', 300)

  await expect
    .poll(async () => (await tracker('?verdict=supported,refuted')).total, eventually)
    .toBe(2)
}

/** Seeds the two boards and opens the tracker on them, with a filter in the query if given. */
async function seededTracker(query = '', count = 5) {
  await seed()
  await page.goto(`${server.url}/hypotheses${query}`)
  await expect.poll(() => rows().count(), eventually).toBe(count)
}

const rows = () => page.getByTestId('tracker-row')
const row = (id: string) => page.locator(`[data-testid="tracker-row"][data-hypothesis-id="${id}"]`)
const rowIds = () =>
  rows().evaluateAll((elements) => elements.map((e) => e.getAttribute('data-hypothesis-id')))
const search = () => new URL(page.url()).search

/** Opens a filter menu, ticks or unticks one of its options, and closes it again. */
async function pick(filter: string, option: string, checked = true) {
  const toolbar = page.getByRole('search', { name: 'Filter hypotheses' })
  await toolbar.getByRole('button', { name: new RegExp(`^${filter}`) }).click()
  const menu = page.getByRole('menu', { name: filter })
  await menu.getByRole('menuitemcheckbox', { name: option }).setChecked(checked)
  await page.keyboard.press('Escape')
  await menu.waitFor({ state: 'detached' })
}

describe('the hypothesis tracker', () => {
  it('explains how to add a hypothesis when there is none on any board', async () => {
    await page.goto(server.url)
    await page.getByTestId('nav-hypotheses').click()
    await page.waitForURL(/\/hypotheses$/)
    const empty = page.getByTestId('tracker-empty')
    await empty.waitFor()
    expect(await empty.textContent()).toContain('No hypotheses yet')
    expect(await empty.textContent()).toContain('Hypothesis canvas')
    expect(await page.getByTestId('nav-hypotheses').getAttribute('aria-current')).toBe('page')
    expect(await rows().count()).toBe(0)
  })

  it('shows hypotheses added elsewhere once the window regains focus', async () => {
    await page.goto(`${server.url}/hypotheses`)
    await page.getByTestId('tracker-empty').waitFor()
    await seed()
    await page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect.poll(() => rows().count(), eventually).toBe(5)
    expect(await page.getByTestId('tracker-empty').count()).toBe(0)
    expect(await page.getByTestId('tracker-count').textContent()).toBe('5 hypotheses')
  })

  it('shows each hypothesis with its status, verdict, latest value against target and board', async () => {
    await seededTracker()
    const supported = row(seeded.supported)
    expect(await supported.getByTestId('tracker-row-link').textContent()).toBe('One-page checkout')
    expect(await supported.getByTestId('sentence').textContent()).toContain(
      'We believe that a one-page checkout will result in more completed orders.',
    )
    expect(await supported.getByTestId('status').textContent()).toBe('Running')
    expect(await supported.getByTestId('verdict').getAttribute('data-verdict')).toBe('supported')
    expect(await supported.getByTestId('metric-latest').textContent()).toBe('5.3%')
    expect(await supported.getByTestId('metric-target').textContent()).toBe('↑≥ 5%')
    expect(await supported.getByTestId('timebox').textContent()).toBe('7 days left')
    expect(await supported.getByTestId('board').textContent()).toBe('Checkout')

    const pending = row(seeded.pending)
    expect(await pending.getByTestId('verdict').getAttribute('data-verdict')).toBe('pending')
    expect(await pending.getByTestId('metric-latest').textContent()).toBe('4.2%')
    expect(await pending.getByTestId('board').textContent()).toBe('Onboarding')

    expect(await row(seeded.refuted).getByTestId('verdict').getAttribute('data-verdict')).toBe(
      'refuted',
    )
    // The guardrail refuted it; the primary metric, a success criterion, has no value yet.
    expect(await row(seeded.refuted).getByTestId('metric-latest').textContent()).toBe('—')

    const overdue = row(seeded.overdue)
    expect(await overdue.getByTestId('verdict').getAttribute('data-verdict')).toBe('inconclusive')
    expect(await overdue.getByTestId('timebox').textContent()).toBe('Overdue by 9 days')
    expect(await overdue.getByTestId('timebox').getAttribute('class')).toContain('overdue')

    const draft = row(seeded.draft)
    expect(await draft.getByTestId('status').textContent()).toBe('Draft')
    expect(await draft.getByTestId('timebox').textContent()).toBe('Not started')
  })

  it('filters by status, keeps the filter in the URL and after a reload', async () => {
    await seededTracker()
    await pick('Status', 'Running')
    await expect.poll(() => rows().count(), eventually).toBe(4)
    expect(await rowIds()).not.toContain(seeded.draft)
    expect(search()).toBe('?status=running')

    await page.reload()
    await expect.poll(() => rows().count(), eventually).toBe(4)
    expect(await rowIds()).not.toContain(seeded.draft)
    const status = page.getByRole('button', { name: /^Status/ })
    expect(await status.textContent()).toContain('Running')
    expect(await page.getByTestId('tracker-count').textContent()).toBe('4 of 5 hypotheses')
  })

  it('narrows to one board on top of the status filter', async () => {
    await seededTracker('?status=running', 4)
    await pick('Board', 'Onboarding')
    await expect
      .poll(() => rowIds().then((ids) => ids.sort()), eventually)
      .toEqual([seeded.pending, seeded.refuted].sort())
    expect(search()).toBe(`?status=running&board=${seeded.onboarding}`)

    await page.reload()
    await expect.poll(() => rows().count(), eventually).toBe(2)
    expect(await rowIds()).not.toContain(seeded.supported)
  })

  it('says when nothing matches and clears the filters on request', async () => {
    await seed()
    await page.goto(`${server.url}/hypotheses?status=running&board=${seeded.onboarding}`)
    await expect.poll(() => rows().count(), eventually).toBe(2)
    await pick('Verdict', 'Supported')
    await page.getByTestId('tracker-no-match').waitFor()
    expect(await rows().count()).toBe(0)
    expect(search()).toContain('verdict=supported')

    await page
      .getByTestId('tracker-no-match')
      .getByRole('button', { name: 'Clear filters' })
      .click()
    await expect.poll(() => rows().count(), eventually).toBe(5)
    expect(search()).toBe('')
  })

  it('shows only overdue hypotheses with the overdue toggle', async () => {
    await seededTracker()
    await page.getByRole('switch', { name: 'Overdue only' }).check()
    await expect.poll(() => rowIds(), eventually).toEqual([seeded.overdue])
    expect(search()).toBe('?overdue=true')
    await page.getByRole('switch', { name: 'Overdue only' }).uncheck()
    await expect.poll(() => rows().count(), eventually).toBe(5)
  })

  it('sorts by due date or by last change', async () => {
    await seededTracker()
    await page.getByLabel('Sort by').selectOption('due')
    await expect.poll(async () => (await rowIds())[0], eventually).toBe(seeded.overdue)
    // Drafts have no end yet and come last.
    expect((await rowIds()).at(-1)).toBe(seeded.draft)
    expect(search()).toBe('?sort=due')

    await page.getByLabel('Sort by').selectOption('updated')
    // Changed ten days ago, so the last of all by last change.
    await expect.poll(async () => (await rowIds()).at(-1), eventually).toBe(seeded.overdue)
    expect(search()).toBe('')
  })

  it('says why loading failed and loads again on retry', async () => {
    await seededTracker()
    await page.route('**/api/hypotheses*', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'The index is unavailable.' } }),
      }),
    )
    await page.reload()
    const error = page.getByTestId('tracker-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('The index is unavailable.')

    await page.unroute('**/api/hypotheses*')
    await error.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(() => rows().count(), eventually).toBe(5)
  })

  it('opens the hypothesis on its board with one click on its row', async () => {
    await seededTracker()
    // Anywhere on the row, not only on the title: here, over the board name.
    const box = await row(seeded.pending).getByTestId('board').boundingBox()
    if (!box) throw new Error('the row is not on screen')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await page.waitForURL(
      `${server.url}/b/${seeded.onboarding}?canvas=${seeded.pending}`,
      eventually,
    )
  })

  it('filters and opens a row from the keyboard alone', async () => {
    await seed()
    await page.goto(`${server.url}/hypotheses?board=${seeded.checkout}`)
    await expect.poll(() => rows().count(), eventually).toBe(3)
    const status = page.getByRole('button', { name: /^Status/ })
    await status.focus()
    // Enter opens the menu on its first option, as every menu of the app does.
    await page.keyboard.press('Enter')
    await page.keyboard.press('Space')
    await expect.poll(search, eventually).toBe(`?status=draft&board=${seeded.checkout}`)
    await page.keyboard.press('Escape')
    expect(await status.evaluate((button) => button === document.activeElement)).toBe(true)
    await expect.poll(rowIds, eventually).toEqual([seeded.draft])

    await row(seeded.draft).getByRole('link', { name: 'Guest checkout' }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}/b/${seeded.checkout}?canvas=${seeded.draft}`, eventually)
  })

  it('fits the table, last column included, on a 1440 px wide window', async () => {
    await seed()
    // Long names are where a table grows: a board, a title and a metric name of some length.
    const board = await createBoard(server.url, 'Customer onboarding and activation, spring')
    await createHypothesis(api, board, {
      title: 'Guided set-up for teams that import their data from spreadsheets',
      metrics: [{ ...checkoutMetrics[0], name: 'Completed sign-ups per first-time team visitor' }],
    })
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(`${server.url}/hypotheses`)
    await expect.poll(() => rows().count(), eventually).toBe(6)
    const table = page.getByTestId('tracker-table')
    const fits = () =>
      table.evaluate((element) => {
        const frame = element.parentElement!.getBoundingClientRect()
        const last = element.querySelector('thead th:last-child')!.getBoundingClientRect()
        return last.right <= frame.right + 0.5 && frame.right <= window.innerWidth
      })
    await expect.poll(fits, eventually).toBe(true)
    await page.screenshot({ path: '/tmp/tracker-1440.png' })
    await page.getByRole('button', { name: /^Status/ }).click()
    await page.getByRole('menu', { name: 'Status' }).waitFor()
    await page.screenshot({ path: '/tmp/tracker-menu-open.png' })
    await page.keyboard.press('Escape')
    await page.getByRole('menu', { name: 'Status' }).waitFor({ state: 'detached' })
  })

  it('threw no errors', () => {
    expect(tab.errors).toEqual([])
  })
})
