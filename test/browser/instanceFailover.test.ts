import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestCluster } from '../helpers/cluster'
import {
  drawRectangle,
  eventually,
  launchBrowser,
  newTab,
  openBoard,
  waitForShape,
  type BoardTab,
} from './browser'

let browser: Browser
const tabs: BoardTab[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  for (const tab of tabs) await tab.context.close()
  await browser.close()
})

/** How many board sync sockets the page has opened so far (a reconnect opens another). */
const boardSocketsOpened = (page: Page) =>
  page.evaluate(() => window.__sockets!.filter((s) => window.__isBoardSocket!(s.url)).length)

const connectionStatus = (page: Page) =>
  page.getByTestId('connection-status').getAttribute('data-status')

describe('a live board served by three instances behind a load balancer', () => {
  it('goes on after the instance one person is on is killed: a reconnect, and nothing lost', async () => {
    const cluster = await startTestCluster({ instances: 3 })
    const boardId = await createBoard(cluster.url(2), 'Live workshop')
    const [ann, ben] = await Promise.all([newTab(browser), newTab(browser)])
    tabs.push(ann, ben)
    // Each person lands on an instance of their own; then the balancer spreads again.
    cluster.balancer.setBackends([cluster.url(0)])
    await openBoard(ann, cluster.balancer.url, boardId)
    cluster.balancer.setBackends([cluster.url(1)])
    await openBoard(ben, cluster.balancer.url, boardId)
    cluster.balancer.setBackends([0, 1, 2].map((i) => cluster.url(i)))

    await drawRectangle(ann.page, 'before', 100, 100)
    await waitForShape(ben.page, 'before')
    const socketsBefore = await boardSocketsOpened(ann.page)

    await cluster.kill(0)

    // Ann's screen reconnects through the balancer to a live instance.
    await expect.poll(() => boardSocketsOpened(ann.page), eventually).toBeGreaterThan(socketsBefore)
    await expect.poll(() => connectionStatus(ann.page), eventually).toBe('connected')
    await drawRectangle(ann.page, 'after-ann', 300, 100)
    await drawRectangle(ben.page, 'after-ben', 100, 300)
    await waitForShape(ben.page, 'after-ann')
    await waitForShape(ann.page, 'after-ben')
    for (const tab of [ann, ben]) {
      const ids = await tab.page.evaluate(() =>
        window
          .editor!.getCurrentPageShapes()
          .map((s) => s.id)
          .sort(),
      )
      expect(ids).toEqual(['shape:after-ann', 'shape:after-ben', 'shape:before'])
      expect(tab.errors).toEqual([])
    }
  }, 180_000)
})
