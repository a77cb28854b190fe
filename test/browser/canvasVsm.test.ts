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
})
