import type { Browser, Locator } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient, createHypothesis, setStatus, type Api } from '../helpers/api'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
let tab: BoardTab
let boardId: string
let upstream: Server
let upstreamUrl: string

/** MLflow's get-history answer for one run's metric. */
const history = { metrics: [{ key: 'conversion', value: 5.2, timestamp: 1772362800000, step: 3 }] }

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.url?.startsWith('/api/2.0/mlflow/metrics/get-history')) return send(200, history)
    send(500, { error: 'the experiment store is down' })
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`
  ;[server, browser] = await Promise.all([
    // The poller looks rarely: the tests poll when they mean to.
    startTestServer({ env: { PULLS_ALLOW_PRIVATE_NETWORK: 'true', PULLS_TICK_MS: '600000' } }),
    launchBrowser(),
  ])
  api = apiClient(server.url)
  boardId = await createBoard(server.url, 'Pulled measurements')
  tab = await newTab(browser)
  await tab.page.setViewportSize({ width: 1560, height: 1000 })
  // An action that cannot happen fails with what it waited for, before the test times out.
  tab.page.setDefaultTimeout(eventually.timeout)
  await openBoard(tab, server.url, boardId)
})
afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
  upstream?.closeAllConnections()
  await new Promise((resolve) => upstream?.close(resolve))
})

const sourcePath = (id: string, key: string) =>
  `/api/boards/${boardId}/hypotheses/${id}/metrics/${key}/source`

/** A running checkout hypothesis shown at full size; its canvas on the page. */
async function shownHypothesis(): Promise<{ id: string; canvas: Locator }> {
  const id = await createHypothesis(api, boardId)
  expect((await setStatus(api, boardId, id, 'running')).status).toBe(200)
  const canvas = canvasOn(tab.page, id)
  await canvas.waitFor({ state: 'attached', ...eventually })
  await tab.page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, id)
  await canvas.waitFor(eventually)
  return { id, canvas }
}

const sourceOf = (canvas: Locator, key: string) =>
  canvas.locator(`[data-metric-key="${key}"]`).getByTestId('metric-source')

describe('a metric pulled from a source', () => {
  it('shows the source’s last poll and its error, clearly marked', async () => {
    const { id, canvas } = await shownHypothesis()
    const put = await api(sourcePath(id, 'latency'), {
      method: 'PUT',
      body: { kind: 'json', url: `${upstreamUrl}/down`, valuePath: '$.p95', everyMinutes: 10 },
    })
    expect(put.status).toBe(200)
    expect((await api(`${sourcePath(id, 'latency')}/poll`, { method: 'POST' })).status).toBe(200)
    // The canvas reads its sources when it shows them: show it again, as a reload would.
    await tab.page.reload()
    await openBoard(tab, server.url, boardId)
    await tab.page.evaluate((id) => {
      const editor = window.editor!
      const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
      editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
    }, id)
    const source = sourceOf(canvas, 'latency')
    await source.waitFor(eventually)
    await expect.poll(() => source.getAttribute('data-kind'), eventually).toBe('json')
    await expect
      .poll(() => source.getByTestId('metric-source-times').textContent(), eventually)
      .toMatch(/^polled just now · next in 10 min$/)
    await expect
      .poll(() => source.getByTestId('metric-source-error').textContent(), eventually)
      .toMatch(/Last poll failed:.*answered 500: the experiment store is down/)
    // The other metric has none yet: it offers to connect one.
    await expect
      .poll(() => sourceOf(canvas, 'conversion').getByTestId('metric-source-connect').isVisible())
      .toBe(true)
  })

  it('is connected from the dialog, refuses a bad path, and polls now on request', async () => {
    const { id, canvas } = await shownHypothesis()
    const page = tab.page
    const source = sourceOf(canvas, 'conversion')
    await source.getByTestId('metric-source-connect').click()
    // Each metric has its dialog; only the open one is in the accessibility tree.
    const dialog = page.getByRole('dialog', { name: 'Connect a source of conversion' })
    await dialog.getByTestId('source-kind').selectOption('json')
    await dialog
      .getByTestId('source-url')
      .fill(`${upstreamUrl}/api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=conversion`)
    await dialog.getByTestId('source-value-path').fill('metrics.value')
    await dialog.getByTestId('source-every').fill('30')
    await dialog.getByTestId('source-save').click()
    await expect
      .poll(() => dialog.getByTestId('error-banner').textContent(), eventually)
      .toContain('valuePath: a path starts with $')
    expect((await api(sourcePath(id, 'conversion'))).status).toBe(404)

    // Fixed by keyboard: the path, then Enter submits the form.
    await dialog.getByTestId('source-value-path').fill('$.metrics[-1].value')
    await dialog.getByTestId('source-time-path').fill('$.metrics[-1].timestamp')
    await dialog.getByTestId('source-time-path').press('Enter')
    await expect.poll(() => dialog.isVisible(), eventually).toBe(false)
    await expect
      .poll(() => source.getByTestId('metric-source-times').textContent(), eventually)
      .toMatch(/^not polled yet · next (due now|soon)$/)

    await source.getByTestId('metric-source-poll').click()
    await expect
      .poll(() => source.getByRole('status').textContent(), eventually)
      .toBe('Recorded 5.2')
    await expect
      .poll(() => source.getByTestId('metric-source-times').textContent(), eventually)
      .toMatch(/^polled just now · next in 30 min$/)
    expect(await source.getByTestId('metric-source-error').count()).toBe(0)
    const view = await api(`/api/boards/${boardId}/hypotheses/${id}`)
    expect(
      view.json.measurements.filter((m: { metric: string }) => m.metric === 'conversion'),
    ).toMatchObject([{ value: 5.2, at: new Date(1772362800000).toISOString() }])

    // Removed from the same dialog: the metric offers to connect one again.
    await source.getByTestId('metric-source-edit').click()
    await page
      .getByRole('dialog', { name: 'Edit the source of conversion' })
      .getByTestId('source-remove')
      .click()
    await expect
      .poll(() => source.getByTestId('metric-source-connect').isVisible(), eventually)
      .toBe(true)
    expect((await api(sourcePath(id, 'conversion'))).status).toBe(404)
    expect(tab.errors).toEqual([])
  }, 90_000)
})
