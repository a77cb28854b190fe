import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { canvasOn, insertFromPicker } from './canvasDriver'

let server: TestServer
let browser: Browser
const tabs: BoardTab[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  for (const tab of tabs) expect(tab.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

/** Types into a step's field, replacing what it shows. */
async function fill(step: Locator, testId: string, value: string) {
  const input = step.getByTestId(testId)
  await input.click()
  await input.press('Control+A')
  await input.pressSequentially(value)
  await input.press('Enter')
}

/** Process time, lead time and %C&A of the map's first current step, as the server has them. */
async function stored(boardId: string, canvasId: string): Promise<number[]> {
  const res = await fetch(`${server.url}/api/boards/${boardId}/canvases/${canvasId}`)
  const step = ((await res.json()) as { current: Record<string, number>[] }).current[0]!
  return [step.processMinutes!, step.leadMinutes!, step.completeAccuratePct!]
}

const total = (canvas: Locator, state: string, name: string) =>
  canvas.getByTestId(`vsm-${state}-totals`).getByTestId(`total-${name}`).locator('dd').textContent()

describe('when a person maps the steps of a value stream', () => {
  it(
    "shows each state's figures live, on every screen, and flags the biggest wait",
    { timeout: 60_000 },
    async () => {
      const boardId = await createBoard(server.url, 'Flow')
      const [alice, bob] = [await newTab(browser), await newTab(browser)]
      tabs.push(alice, bob)
      await Promise.all([
        openBoard(alice, server.url, boardId),
        openBoard(bob, server.url, boardId),
      ])
      const canvasId = await insertFromPicker(alice.page, 'vsm')
      const canvas = canvasOn(alice.page, canvasId)

      // The worked example: A (2 h, 8 h, 90 %), B (1 h, 24 h, 80 %), C (4 h, 40 h, 95 %).
      const steps = [
        ['Analyse', '2h', '8h', '90'],
        ['Build', '1h', '24h', '80'],
        ['Release', '4h', '40h', '95'],
      ]
      for (const [name, pt, lt, ca] of steps) {
        await canvas.getByTestId('add-step-current').click()
        await alice.page.keyboard.type(name!)
        const step = canvas.getByTestId('vsm-current').getByTestId('vsm-step').last()
        await fill(step, 'process-time', pt!)
        await fill(step, 'lead-time', lt!)
        await fill(step, 'complete-accurate', ca!)
      }

      for (const tab of [alice, bob]) {
        const view = canvasOn(tab.page, canvasId)
        await expect.poll(() => total(view, 'current', 'lead'), eventually).toBe('3d')
        expect(await total(view, 'current', 'process')).toBe('7h')
        expect(await total(view, 'current', 'wait')).toBe('2d 17h')
        expect(await total(view, 'current', 'activity')).toBe('9.7 %')
        expect(await total(view, 'current', 'rolled')).toBe('68.4 %')
      }
      const flagged = () =>
        canvas
          .getByTestId('vsm-current')
          .locator('.has-biggest-wait input[aria-label="Step name"], .has-biggest-wait textarea')
          .first()
          .inputValue()
      expect(await flagged()).toBe('Release')

      // Bob makes the build wait two days: the totals and the flag move for both.
      const bobBuild = canvasOn(bob.page, canvasId)
        .getByTestId('vsm-current')
        .getByTestId('vsm-step')
        .nth(1)
      await fill(bobBuild, 'lead-time', '48h')
      for (const tab of [alice, bob]) {
        const view = canvasOn(tab.page, canvasId)
        await expect.poll(() => total(view, 'current', 'lead'), eventually).toBe('4d')
        await expect.poll(() => total(view, 'current', 'activity'), eventually).toBe('7.3 %')
      }
      await expect.poll(flagged, eventually).toBe('Build')

      // A future state without the wait: the comparison says how much faster it is.
      await canvas.getByTestId('add-step-future').click()
      await alice.page.keyboard.type('Automated release')
      const future = canvas.getByTestId('vsm-future').getByTestId('vsm-step').last()
      await fill(future, 'process-time', '1h')
      await fill(future, 'lead-time', '2h')
      await expect
        .poll(() => canvas.getByTestId('lead-time-saved').textContent(), eventually)
        .toBe('3d 22h faster')
    },
  )

  it('marks waste and necessary steps so they stand out', async () => {
    const boardId = await createBoard(server.url, 'Waste')
    const tab = await newTab(browser)
    tabs.push(tab)
    await openBoard(tab, server.url, boardId)
    const canvas = canvasOn(tab.page, await insertFromPicker(tab.page, 'vsm'))
    await canvas.getByTestId('add-step-current').click()
    const step = canvas.getByTestId('vsm-step').first()
    await step.getByLabel('Classification').selectOption('waste')
    await step.getByLabel('Add a waste').selectOption('waiting')
    await expect.poll(() => step.getAttribute('class'), eventually).toContain('vsm-step-waste')
    expect(await step.locator('.vsm-waste-tag').textContent()).toContain('waiting')
  })

  it(
    'says next to the field why a lead time under the process time or a %C&A over 100 is not taken, and writes nothing',
    { timeout: 60_000 },
    async () => {
      const boardId = await createBoard(server.url, 'Checks')
      const tab = await newTab(browser)
      tabs.push(tab)
      await openBoard(tab, server.url, boardId)
      const canvasId = await insertFromPicker(tab.page, 'vsm')
      const canvas = canvasOn(tab.page, canvasId)
      await canvas.getByTestId('add-step-current').click()
      await tab.page.keyboard.type('Review')
      const step = canvas.getByTestId('vsm-step').first()
      // A process time typed first waits for its lead time, then is written as typed.
      await fill(step, 'process-time', '2h')
      await expect
        .poll(() => step.getByTestId('step-field-message').textContent(), eventually)
        .toMatch(/Process time 2h is over the lead time 0m/)
      await fill(step, 'lead-time', '8h')
      await expect.poll(() => stored(boardId, canvasId), eventually).toEqual([120, 480, 100])
      await expect.poll(() => step.getByTestId('step-field-message').count(), eventually).toBe(0)

      await fill(step, 'lead-time', '1h')
      const lead = step.getByTestId('lead-time')
      const message = step.getByTestId('step-field-message')
      await expect
        .poll(() => message.textContent(), eventually)
        .toBe('Lead time 1h is under the process time 2h: the lead time includes it.')
      expect(await message.getAttribute('role')).toBe('alert')
      expect(await lead.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'))
      expect(await lead.getAttribute('aria-invalid')).toBe('true')
      // What the person typed stays; neither time changed in the document.
      expect(await lead.inputValue()).toBe('1h')
      expect(await stored(boardId, canvasId)).toEqual([120, 480, 100])

      // Escape drops the draft and its message.
      await lead.click()
      await lead.press('Escape')
      await expect.poll(() => lead.inputValue(), eventually).toBe('8h')
      expect(await message.count()).toBe(0)

      await fill(step, 'complete-accurate', '120')
      await expect
        .poll(() => step.getByTestId('step-field-message').textContent(), eventually)
        .toBe('%C&A is at most 100; found 120.')
      expect(await step.getByTestId('complete-accurate').inputValue()).toBe('120')
      expect(await stored(boardId, canvasId)).toEqual([120, 480, 100])
    },
  )

  it(
    'follows the critical path of parallel steps and shows durations in the unit the team picks',
    { timeout: 60_000 },
    async () => {
      const boardId = await createBoard(server.url, 'Parallel')
      const created = await fetch(`${server.url}/api/boards/${boardId}/canvases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'vsm',
          current: [
            { name: 'Build', processMinutes: 120, leadMinutes: 480 },
            { name: 'Review', processMinutes: 60, leadMinutes: 1440 },
            { name: 'Scan', processMinutes: 240, leadMinutes: 2400, parallel: true },
          ],
        }),
      })
      const canvasId = ((await created.json()) as { id: string }).id
      const tab = await newTab(browser)
      tabs.push(tab)
      await openBoard(tab, server.url, boardId)
      const canvas = canvasOn(tab.page, canvasId)
      // Build 8 h, then the longer of Review (24 h) and Scan (40 h) beside it.
      await expect.poll(() => total(canvas, 'current', 'lead'), eventually).toBe('2d')
      const steps = canvas.getByTestId('vsm-current').getByTestId('vsm-step')
      expect(await steps.nth(1).getByTestId('step-path').textContent()).toBe(
        'Off the critical path',
      )
      expect(await steps.nth(2).getByTestId('step-path').textContent()).toBe('Critical path')

      // Review no longer runs beside the scan: the lead time adds up again.
      await steps.nth(2).getByLabel('Runs beside step 2').uncheck()
      await expect.poll(() => total(canvas, 'current', 'lead'), eventually).toBe('3d')

      await canvas.getByTestId('vsm-display-unit').selectOption('hours')
      await expect.poll(() => total(canvas, 'current', 'lead'), eventually).toBe('72h')
      expect(await steps.nth(0).getByTestId('lead-time').inputValue()).toBe('8h')
      // A plain number is read in hours now.
      await fill(steps.nth(0), 'lead-time', '10')
      await expect.poll(() => total(canvas, 'current', 'lead'), eventually).toBe('74h')
    },
  )
})
