import type { Browser, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
  type Api,
} from '../helpers/api'
import { createOwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { boxOf, canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
const tabs: BoardTab[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = apiClient(server.url)
})

afterAll(async () => {
  for (const tab of tabs) expect(tab.errors).toEqual([])
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

describe('when a Lean key metric is linked to a hypothesis metric', () => {
  it(
    'shows the latest value and verdict, and changes live when a pipeline posts a measurement',
    { timeout: 90_000 },
    async () => {
      const board = await createOwnedBoard(server.url, 'Shop')
      const hypothesisId = await createHypothesis(api, board.id)
      expect((await setStatus(api, board.id, hypothesisId, 'running')).status).toBe(200)
      const lean = await api(`/api/boards/${board.id}/canvases`, {
        body: { kind: 'lean', title: 'Shop', boxes: { keyMetrics: ['Conversion'] } },
      })
      expect(lean.status).toBe(201)
      const leanId = lean.json.id as string

      const tab = await newTab(browser)
      tabs.push(tab)
      await tab.page.setViewportSize({ width: 1560, height: 1000 })
      await openBoard(tab, server.url, board.id)
      const canvas = canvasOn(tab.page, leanId)
      await canvas.waitFor({ state: 'attached', ...eventually })
      await showAtFullSize(tab.page, leanId)
      const item = boxOf(canvas, 'keyMetrics').getByTestId('box-item').first()
      await item.waitFor(eventually)

      // Link it through the picker, which lists the metrics of the board's hypotheses.
      await item.hover()
      await item.getByTestId('link-metric').click()
      await item.getByTestId('metric-picker').selectOption(`${hypothesisId}/conversion`)
      const value = item.getByTestId('item-metric-value')
      const state = item.getByTestId('item-metric-state')
      await expect.poll(() => value.textContent(), eventually).toBe('–')
      expect(await state.textContent()).toBe('no data yet · pending')
      expect(await item.getByTestId('item-metric').textContent()).toContain(
        'One-page checkout › Checkout conversion',
      )
      // The link is in the board's document, as the API reads it.
      await expect
        .poll(async () => {
          const res = await api(`/api/boards/${board.id}/canvases/${leanId}`)
          return res.json.boxes.keyMetrics[0].metric
        }, eventually)
        .toEqual({ canvasId: hypothesisId, metricKey: 'conversion' })

      // A pipeline posts a measurement while the page is open: the item follows at once.
      const { token } = await createToken(api, board, 'nightly experiment')
      const posted = await postMeasurements(api, board.id, hypothesisId, token, {
        measurements: [{ metric: 'conversion', value: 5.2 }],
      })
      expect(posted.status).toBe(200)
      await expect.poll(() => value.textContent(), eventually).toBe('5.2 %')
      // The one success criterion meets its target and no guardrail is breached.
      expect(await state.textContent()).toBe('meets target · supported')

      const again = await postMeasurements(api, board.id, hypothesisId, token, {
        measurements: [
          { metric: 'conversion', value: 4.4 },
          { metric: 'latency', value: 300 },
        ],
      })
      expect(again.status).toBe(200)
      await expect.poll(() => value.textContent(), eventually).toBe('4.4 %')
      // The latency guardrail is breached: the hypothesis is refuted.
      expect(await state.textContent()).toBe('short of target · refuted')

      // Unlinking leaves the item as it was.
      await item.getByLabel('Unlink the metric').click()
      await expect.poll(() => item.getByTestId('item-metric').count(), eventually).toBe(0)
    },
  )
})
