import type { Browser, Locator, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiClient,
  checkoutMetrics,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api'
import { createOwnedBoard, type OwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  eventually,
  launchBrowser,
  newTab,
  openBoard,
  waitForBoard,
  type BoardTab,
} from './browser'
import { canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
let alice: BoardTab
let bob: BoardTab
/** One board for the whole file; each test works on hypotheses of its own on it. */
let board: OwnedBoard
let boardId: string

/** A name of one's own, as the name dialog would have stored it, before the board opens. */
async function signInAs(tab: BoardTab, name: string) {
  await tab.context.addInitScript((name) => {
    const state = { userId: name.toLowerCase().padEnd(32, '0'), name, color: '#1c7ed6' }
    localStorage.setItem(
      'discovery-board:ui',
      JSON.stringify({ state: { ...state, showRecentlyDeleted: false }, version: 1 }),
    )
  }, name)
}

/** Shows a canvas at 100 % zoom with its top left corner in view. */
async function showAtFullSize(page: Page, canvasId: string) {
  await page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, canvasId)
}

/** A screenshot to look at, without the style panel a selected shape brings up. */
async function screenshot(tab: BoardTab, name: string) {
  await tab.page.evaluate(() => {
    window.editor!.selectNone()
  })
  await tab.page.screenshot({ path: `/tmp/${name}.png` })
}

const hypothesisOn = (tab: BoardTab, id: string) => canvasOn(tab.page, id)
const verdictOf = (canvas: Locator) =>
  canvas.getByTestId('hypothesis-verdict').getAttribute('data-verdict')
const statusOf = (canvas: Locator) =>
  canvas.getByTestId('hypothesis-status').getAttribute('data-status')

/** Opens the tracking panel of a canvas on a tab. */
async function openTab(canvas: Locator, tab: 'measurements' | 'criteria' | 'decision') {
  if (!(await canvas.getByTestId('tracking-panel').isVisible())) {
    await canvas.getByTestId('toggle-tracking').click()
  }
  await canvas.getByTestId(`tracking-tab-${tab}`).click()
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = apiClient(server.url)
  board = await createOwnedBoard(server.url, 'Checkout experiments')
  boardId = board.id
  // Two isolated profiles: no BroadcastChannel shortcut, every edit goes through the server.
  ;[alice, bob] = await Promise.all([newTab(browser), newTab(browser)])
  await Promise.all([signInAs(alice, 'Alice'), signInAs(bob, 'Bob')])
  for (const tab of [alice, bob]) {
    await tab.page.setViewportSize({ width: 1560, height: 1000 })
    await openBoard(tab, server.url, boardId)
  }
})

/** The conversion criterion without a target: a hypothesis with it cannot start. */
const withoutTarget = () => {
  const [conversion, latency] = checkoutMetrics
  return { metrics: [{ ...conversion, target: { value: null } }, latency] }
}

/**
 * Creates a hypothesis through the API, running if asked, and shows it at full size on both
 * screens; returns its id.
 */
async function newHypothesis(
  over: Record<string, unknown> = {},
  { running = false } = {},
): Promise<string> {
  const id = await createHypothesis(api, boardId, over)
  if (running) expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
  for (const tab of [alice, bob]) {
    await hypothesisOn(tab, id).waitFor({ state: 'attached' })
    await showAtFullSize(tab.page, id)
    await hypothesisOn(tab, id).waitFor()
  }
  return id
}

/** Posts measurements as the "nightly experiment" pipeline, with an ingestion token. */
async function postAsPipeline(id: string, measurements: { metric: string; value: number }[]) {
  const { token } = await createToken(api, board, 'nightly experiment')
  const res = await postMeasurements(api, boardId, id, token, { measurements })
  expect(res.status).toBe(200)
}

/** Records a value by hand on a screen, from the measurements tab. */
async function recordByHand(tab: BoardTab, id: string, metric: string, value: string) {
  const canvas = hypothesisOn(tab, id)
  await openTab(canvas, 'measurements')
  await canvas.getByTestId('measurement-metric').selectOption(metric)
  await canvas.getByTestId('measurement-value').fill(value)
  await canvas.getByTestId('record-measurement').click()
}

/** Pastes CSV on a screen, from the measurements tab, and waits until all rows are recorded. */
async function recordCsv(tab: BoardTab, id: string, csv: string, rows: number) {
  const canvas = hypothesisOn(tab, id)
  await openTab(canvas, 'measurements')
  await canvas.locator('.tracking-csv summary').click()
  await canvas.getByTestId('csv-input').fill(csv)
  await canvas.getByTestId('record-csv').click()
  await expect
    .poll(() => canvas.getByTestId('csv-message').textContent(), eventually)
    .toContain(`Recorded ${rows} of ${rows} rows`)
}

/** Records a decision on a screen, from the decision tab, and waits until both show it. */
async function decide(tab: BoardTab, id: string, decision: string, rationale: string) {
  const canvas = hypothesisOn(tab, id)
  await openTab(canvas, 'decision')
  await canvas.getByTestId(`decision-${decision}`).check()
  await canvas.getByTestId('decision-rationale').fill(rationale)
  await canvas.getByTestId('record-decision').click()
  for (const each of [alice, bob]) {
    await expect.poll(() => statusOf(hypothesisOn(each, id)), eventually).toBe('decided')
  }
}

afterAll(async () => {
  for (const tab of [alice, bob]) expect(tab?.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

describe('when someone starts a hypothesis whose success criterion lacks a target', () => {
  it('refuses, names the criterion, and leaves it a draft on every screen', async () => {
    const id = await newHypothesis(withoutTarget())
    const canvas = hypothesisOn(alice, id)
    await canvas.getByTestId('status-to-running').click()
    await expect
      .poll(() => canvas.getByTestId('tracking-refusal').textContent(), eventually)
      .toContain('conversion lacks one')
    expect(await statusOf(canvas)).toBe('draft')
    expect(await statusOf(hypothesisOn(bob, id))).toBe('draft')
    await screenshot(alice, 'tracking-refused')
  })
})

describe('when the target is filled in and the hypothesis starts', () => {
  it('runs on both screens with a week-long time box', async () => {
    const id = await newHypothesis(withoutTarget())
    const canvas = hypothesisOn(alice, id)
    const target = canvas.locator('[data-testid="metric"][data-metric-key="conversion"]')
    await target.getByLabel('Target').fill('5')
    await target.getByLabel('Target').press('Enter')
    await canvas.getByTestId('status-to-running').click()
    for (const tab of [alice, bob]) {
      await expect.poll(() => statusOf(hypothesisOn(tab, id)), eventually).toBe('running')
      await expect
        .poll(
          () => hypothesisOn(tab, id).getByTestId('hypothesis-timebox').textContent(),
          eventually,
        )
        .toContain('7 days left')
    }
    expect(await canvas.getByTestId('tracking-refusal').count()).toBe(0)
    expect(await verdictOf(canvas)).toBe('pending')
  })
})

describe('when a pipeline posts a measurement with an ingestion token', () => {
  // How fast is measured by `npm run bench` (ingestion), not here: the machines are shared.
  it('turns the verdict on every open screen, without a reload', async () => {
    const hypothesisId = await newHypothesis({}, { running: true })
    const { token } = await createToken(api, board, 'nightly experiment')
    const watch = (tab: BoardTab) =>
      tab.page.waitForFunction(
        (id) =>
          document.querySelector(
            `[data-canvas-id="${id}"] [data-testid="hypothesis-verdict"][data-verdict="supported"]`,
          ) !== null,
        hypothesisId,
        { polling: 'raf', timeout: eventually.timeout },
      )
    const seen = Promise.all([watch(alice), watch(bob)])
    const res = await fetch(
      `${server.url}/api/boards/${boardId}/hypotheses/${hypothesisId}/measurements`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ measurements: [{ metric: 'conversion', value: 5.2 }] }),
      },
    )
    expect(res.status).toBe(200)
    await seen
    await expect
      .poll(
        () => hypothesisOn(bob, hypothesisId).getByTestId('verdict-reason').textContent(),
        eventually,
      )
      .toContain('Every success criterion meets its target')
  })

  it('draws the value on the metric chart, latest beside the target', async () => {
    const id = await newHypothesis({}, { running: true })
    await postAsPipeline(id, [{ metric: 'conversion', value: 5.2 }])
    const canvas = hypothesisOn(bob, id)
    await openTab(canvas, 'measurements')
    const trend = canvas.locator('[data-testid="metric-trend"][data-metric-key="conversion"]')
    await expect
      .poll(() => trend.getByTestId('latest-value').textContent(), eventually)
      .toBe('5.2 %')
    expect(await trend.getByTestId('metric-chart').getAttribute('data-points')).toBe('1')
    expect(await trend.textContent()).toContain('target ≥ 5 %')
    await screenshot(bob, 'tracking-measurements')
  })
})

describe('when someone records a guardrail value by hand that breaches it', () => {
  it('refutes the hypothesis live on the other screen', async () => {
    const id = await newHypothesis({}, { running: true })
    await postAsPipeline(id, [{ metric: 'conversion', value: 5.2 }])
    await expect.poll(() => verdictOf(hypothesisOn(alice, id)), eventually).toBe('supported')
    await recordByHand(bob, id, 'latency', '260')
    await expect.poll(() => verdictOf(hypothesisOn(alice, id)), eventually).toBe('refuted')
    await expect
      .poll(() => hypothesisOn(alice, id).getByTestId('verdict-reason').textContent(), eventually)
      .toContain('latency')
  })
})

describe('when someone pastes measurements as CSV', () => {
  it('records none of them while a row is bad, naming it, and all of them once fixed', async () => {
    const id = await newHypothesis({}, { running: true })
    await postAsPipeline(id, [{ metric: 'conversion', value: 5.2 }])
    await recordByHand(bob, id, 'latency', '260')
    await expect.poll(() => verdictOf(hypothesisOn(bob, id)), eventually).toBe('refuted')
    const canvas = hypothesisOn(bob, id)
    await openTab(canvas, 'measurements')
    const trend = canvas.locator('[data-testid="metric-trend"][data-metric-key="conversion"]')
    const points = () => trend.getByTestId('metric-chart').getAttribute('data-points')
    const before = await points()
    const at = new Date().toISOString()
    const csv = `metric,value,at,source,id\nconversion,5.3,${at},sheet,\nconversion,lots,,sheet,`
    await canvas.locator('.tracking-csv summary').click()
    await canvas.getByTestId('csv-input').fill(csv)
    await canvas.getByTestId('record-csv').click()
    const message = canvas.getByTestId('csv-message')
    await expect.poll(() => message.textContent(), eventually).toContain('row 2: value')
    expect(await points()).toBe(before)
    // The text stays to be fixed rather than typed again.
    expect(await canvas.getByTestId('csv-input').inputValue()).toBe(csv)

    await canvas.getByTestId('csv-input').fill(csv.replace('lots', '5.5'))
    await canvas.getByTestId('record-csv').click()
    await expect.poll(() => message.textContent(), eventually).toContain('Recorded 2 of 2 rows')
    await expect.poll(() => points(), eventually).toBe(String(Number(before) + 2))
    const elsewhere = hypothesisOn(alice, id)
    await openTab(elsewhere, 'measurements')
    const latest = elsewhere.locator('[data-metric-key="conversion"] [data-testid="latest-value"]')
    await expect.poll(() => latest.textContent(), eventually).toBe('5.5 %')
    // Who recorded what, and from where: Bob's value typed by hand, the pipeline's by its token.
    const recent = await elsewhere.getByTestId('recent-measurements').textContent()
    expect(recent).toContain('manual · Bob')
    expect(recent).toContain('nightly experiment')
  })

  it('charts them over dated axes, and tells what each point is, where from and by whom', async () => {
    const id = await newHypothesis({}, { running: true })
    await postAsPipeline(id, [{ metric: 'conversion', value: 5.2 }])
    const at = new Date().toISOString()
    await recordCsv(
      bob,
      id,
      `metric,value,at,source,id\nconversion,5.3,${at},sheet,\nconversion,5.5,,sheet,`,
      2,
    )
    const canvas = hypothesisOn(bob, id)
    await showAtFullSize(bob.page, id)
    await openTab(canvas, 'measurements')
    const trend = canvas.locator('[data-testid="metric-trend"][data-metric-key="conversion"]')
    const chart = trend.getByTestId('metric-chart')
    await expect.poll(() => chart.getAttribute('data-points'), eventually).toBe('3')
    // The time axis names days of the week-long time box; the value axis says its unit.
    const ticks = await chart.locator('.chart-tick-label').allTextContents()
    expect(ticks.filter((t) => /\b[A-Z][a-z]{2}\b/.test(t) && /\d/.test(t)).length).toBeGreaterThan(
      1,
    )
    expect(await chart.getByTestId('chart-unit').textContent()).toBe('%')
    expect(await chart.getByTestId('chart-target').textContent()).toBe('target 5 %')

    // The keyboard starts at the latest point and walks back to the first.
    await chart.focus()
    const tooltip = trend.getByTestId('chart-tooltip')
    await expect.poll(() => tooltip.textContent(), eventually).toContain('5.5 %')
    expect(await tooltip.textContent()).toContain('source: sheet')
    expect(await tooltip.textContent()).toContain('by Bob')
    await bob.page.keyboard.press('ArrowLeft')
    await bob.page.keyboard.press('ArrowLeft')
    expect(await tooltip.textContent()).toContain('5.2 %')
    expect(await tooltip.textContent()).toContain('no source given')
    expect(await tooltip.textContent()).toContain('by nightly experiment')
    await chart.blur()
    await tooltip.waitFor({ state: 'detached' })

    // The pointer anywhere near a point shows it.
    const dot = await chart.locator('.chart-point').first().boundingBox()
    await bob.page.mouse.move(dot!.x + dot!.width / 2, dot!.y + dot!.height / 2)
    await expect.poll(() => tooltip.textContent(), eventually).toMatch(/^5\.\d %/)
    await bob.page.screenshot({ path: '/tmp/metric-chart.png' })
    await chart.screenshot({ path: '/tmp/metric-chart-close.png' })
  })
})

describe('when someone changes a locked criterion', () => {
  it('asks for a reason and shows the dated, attributed amendment on every screen', async () => {
    const id = await newHypothesis({}, { running: true })
    await postAsPipeline(id, [
      { metric: 'conversion', value: 5.2 },
      { metric: 'latency', value: 260 },
    ])
    const canvas = hypothesisOn(alice, id)
    await expect.poll(() => verdictOf(canvas), eventually).toBe('refuted')
    // The card itself no longer takes changes: it offers an amendment instead.
    if (await canvas.getByTestId('tracking-panel').isVisible()) {
      await canvas.getByTestId('toggle-tracking').click()
    }
    const card = canvas.locator('[data-testid="metric"][data-metric-key="latency"]')
    expect(await card.getByLabel('Tolerance').isDisabled()).toBe(true)
    expect(await canvas.getByTestId('add-metric').count()).toBe(0)
    await card.getByTestId('amend-metric-button').click()
    expect(await canvas.getByTestId('amend-metric').inputValue()).toBe('latency')
    await canvas.getByTestId('amend-tolerance').fill('80')
    expect(await canvas.getByTestId('record-amendment').isDisabled()).toBe(true)
    await canvas.getByTestId('amend-reason').fill('Peak traffic week: agreed with ops')
    await canvas.getByTestId('record-amendment').click()

    const other = hypothesisOn(bob, id)
    await openTab(other, 'criteria')
    const amendment = other.locator('[data-testid="amendment"][data-metric-key="latency"]')
    await expect.poll(() => amendment.textContent(), eventually).toContain('Peak traffic week')
    const text = await amendment.textContent()
    expect(text).toContain('tolerance 20 ms → 80 ms')
    expect(text).toContain('Alice')
    // 260 ms is within 200 + 80: the verdict follows the amended criterion.
    await expect.poll(() => verdictOf(other), eventually).toBe('supported')
    await screenshot(alice, 'tracking-amendment')
  })
})

describe('when someone adds a lesson', () => {
  it('appears in the log on every screen with its author and date', async () => {
    const id = await newHypothesis({}, { running: true })
    const canvas = hypothesisOn(bob, id)
    await canvas
      .getByTestId('lesson-input')
      .fill('Buyers abandon at the shipping step, not payment')
    await canvas.getByTestId('add-lesson').click()
    const lesson = hypothesisOn(alice, id).getByTestId('lesson').last()
    await expect.poll(() => lesson.textContent(), eventually).toContain('shipping step')
    expect(await lesson.textContent()).toContain('Bob')
    expect(await lesson.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)
  })
})

describe('when someone decides to pivot', () => {
  const rationale = 'Conversion moved, but for the wrong buyers'

  it('closes the hypothesis with the decision, who and why, on every screen', async () => {
    const id = await newHypothesis({}, { running: true })
    const canvas = hypothesisOn(alice, id)
    await openTab(canvas, 'decision')
    await canvas.getByTestId('decision-pivot').check()
    await canvas
      .getByTestId('decision-rationale')
      .fill('Conversion moved, but for the wrong buyers')
    await canvas.getByTestId('record-decision').click()
    for (const tab of [alice, bob]) {
      await expect.poll(() => statusOf(hypothesisOn(tab, id)), eventually).toBe('decided')
    }
    const other = hypothesisOn(bob, id)
    await openTab(other, 'decision')
    const record = other.getByTestId('decision-record')
    expect(await record.getAttribute('data-decision')).toBe('pivot')
    expect(await record.textContent()).toContain('Alice')
    expect(await record.textContent()).toContain('for the wrong buyers')
    await screenshot(alice, 'tracking-decided')
  })

  it('creates the successor on the board, linked both ways, problem and customers carried over', async () => {
    const hypothesisId = await newHypothesis({}, { running: true })
    await decide(alice, hypothesisId, 'pivot', rationale)
    const link = hypothesisOn(bob, hypothesisId).getByTestId('successor-link').first()
    await link.waitFor()
    const successorId = (await link.getAttribute('data-target-canvas'))!
    const successor = canvasOn(bob.page, successorId)
    await successor.waitFor()
    expect(await successor.getByTestId('canvas-title').inputValue()).toBe(
      'One-page checkout (pivot)',
    )
    const texts = (box: string) =>
      successor
        .locator(`[data-box-key="${box}"] [data-testid="box-item"] textarea`)
        .evaluateAll((fields) => fields.map((f) => (f as HTMLTextAreaElement).value))
    expect(await texts('problem')).toEqual(['Checkout drops buyers'])
    expect(await texts('customers')).toEqual(['First-time buyers'])
    expect(await statusOf(successor)).toBe('draft')
    expect(await successor.getByTestId('predecessor-link').getAttribute('data-target-canvas')).toBe(
      hypothesisId,
    )
    await canvasOn(alice.page, successorId).waitFor()
  })

  it('zooms the board to the successor when its link is followed', async () => {
    const hypothesisId = await newHypothesis({}, { running: true })
    await decide(alice, hypothesisId, 'pivot', rationale)
    const link = hypothesisOn(bob, hypothesisId).getByTestId('successor-link').first()
    await link.waitFor()
    const successorId = (await link.getAttribute('data-target-canvas'))!
    await canvasOn(bob.page, successorId).waitFor({ state: 'attached' })
    await showAtFullSize(bob.page, hypothesisId)
    const inView = (id: string) =>
      bob.page.evaluate((id) => {
        const editor = window.editor!
        const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
        return editor.getViewportPageBounds().contains(bounds)
      }, id)
    expect(await inView(successorId)).toBe(false)
    await link.click()
    await expect.poll(() => inView(successorId), eventually).toBe(true)
    await screenshot(bob, 'tracking-successor')
  })
})

describe('when a running time box ends while the canvas is open', () => {
  it('turns overdue and the verdict follows, without anyone touching the board', async () => {
    const id = await createHypothesis(api, boardId, { title: 'Express shipping' })
    const started = await api(`/api/boards/${boardId}/canvases/${id}`, {
      method: 'PATCH',
      body: { status: 'running', timeboxDays: 1 },
    })
    expect(started.status).toBe(200)
    const carol = await newTab(browser)
    try {
      await carol.context.clock.install()
      await carol.page.setViewportSize({ width: 1560, height: 1000 })
      await openBoard(carol, server.url, boardId)
      const canvas = canvasOn(carol.page, id)
      await canvas.waitFor({ state: 'attached' })
      await showAtFullSize(carol.page, id)
      await canvas.waitFor()
      const timebox = canvas.getByTestId('hypothesis-timebox')
      expect(await timebox.textContent()).toContain('1 day left')
      expect(await verdictOf(canvas)).toBe('pending')

      await carol.context.clock.fastForward(2 * 24 * 60 * 60 * 1000)
      await expect.poll(() => timebox.getAttribute('data-tone'), eventually).toBe('overdue')
      expect(await timebox.textContent()).toContain('Overdue by 1 day')
      await expect.poll(() => verdictOf(canvas), eventually).toBe('inconclusive')
      expect(carol.errors).toEqual([])
    } finally {
      await carol.context.close()
    }
  })
})

describe('when someone opens a link to a hypothesis, as the tracker gives', () => {
  it('shows the board with that hypothesis in view', { timeout: 60_000 }, async () => {
    // New canvases go to the right of what is on the board: two before it put it far from the
    // origin, where a board opened without the link does not look.
    for (const title of ['Free returns', 'Gift wrapping']) await newHypothesis({ title })
    const farId = await newHypothesis({ title: 'Express shipping' })
    const dave = await newTab(browser)
    try {
      await dave.page.setViewportSize({ width: 1560, height: 1000 })
      await dave.page.goto(`${server.url}/b/${boardId}?canvas=${farId}`)
      await waitForBoard(dave.page)
      const inView = () =>
        dave.page.evaluate((id) => {
          const editor = window.editor!
          const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)
          return bounds !== undefined && editor.getViewportPageBounds().contains(bounds)
        }, farId)
      await expect.poll(inView, eventually).toBe(true)
      expect(dave.errors).toEqual([])
    } finally {
      await dave.context.close()
    }
  })
})

describe('when a viewer, who cannot edit the board, looks at a hypothesis', () => {
  it(
    'can open its tracking and follow its links, but not change it',
    { timeout: 60_000 },
    async () => {
      const hypothesisId = await newHypothesis({}, { running: true })
      await postAsPipeline(hypothesisId, [{ metric: 'conversion', value: 5.2 }])
      const decided = await api(`/api/boards/${boardId}/hypotheses/${hypothesisId}/decision`, {
        body: { decision: 'pivot', rationale: 'For the wrong buyers', by: 'Alice' },
      })
      expect(decided.status).toBe(201)
      const viewer = await newTab(browser)
      try {
        await viewer.page.setViewportSize({ width: 1560, height: 1000 })
        await viewer.page.goto(`${server.url}/b/${boardId}?canvas=${hypothesisId}`)
        await waitForBoard(viewer.page)
        // The editor a viewer's share link opens is read-only; that is all the canvas looks at.
        await viewer.page.evaluate(() => {
          window.editor!.updateInstanceState({ isReadonly: true })
        })
        const canvas = canvasOn(viewer.page, hypothesisId)
        await canvas.waitFor()
        await openTab(canvas, 'measurements')
        await canvas.getByTestId('metric-trend').first().waitFor()
        await openTab(canvas, 'decision')
        expect(await canvas.getByTestId('decision-record').getAttribute('data-decision')).toBe(
          'pivot',
        )
        await openTab(canvas, 'measurements')
        expect(await canvas.getByTestId('record-measurement').isDisabled()).toBe(true)
        expect(await canvas.getByTestId('add-lesson').isDisabled()).toBe(true)
        expect(viewer.errors).toEqual([])
      } finally {
        await viewer.context.close()
      }
    },
  )
})
