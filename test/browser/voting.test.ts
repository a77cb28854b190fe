import type { Browser, Page } from 'playwright-core'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, waitForBoard, type BoardTab } from './browser'
import {
  createSharedBoard,
  fitBoard,
  itemRow,
  openLink,
  ownerApi,
  type SharedBoard,
} from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab
let alice: BoardTab
let bob: BoardTab
let viewer: BoardTab
let board: SharedBoard
/** The items of the canvas of the current test: each test has its own canvas and sticky. */
const items: Record<'forget' | 'pricey' | 'slow', string> = { forget: '', pricey: '', slow: '' }

let asOwner: ReturnType<typeof ownerApi>
let stickyId = ''
let stickies = 0
/** The vote controls pinned to the sticky. */
const stickyVote = (page: Page) =>
  page.locator(`[data-testid="item-vote"][data-item-id="${stickyId}"]`)

const myDots = (page: Page, itemId: string) => itemRow(page, itemId).getByTestId('my-vote-dot')
const votesLeft = (page: Page) =>
  page.getByTestId('votes-left').getAttribute('data-remaining', { timeout: eventually.timeout })

async function voteFor(page: Page, itemId: string) {
  await itemRow(page, itemId).getByTestId('vote-button').click()
}

/** The results panel as [label, votes] lines, top first. */
const resultLines = (page: Page) =>
  page
    .getByTestId('vote-result')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('.vote-result-label')?.textContent,
        Number((row as HTMLElement).dataset.votes),
        row.querySelector('.vote-result-rank')?.textContent,
      ]),
    )

/** Starts a board-wide vote with three dots each, as the facilitator. */
const startVote = () =>
  asOwner('/workshop', {
    type: 'startVoting',
    voting: { scope: { kind: 'board' }, votesPerPerson: 3, onePerItem: false },
  })

/** Casts votes through the API as a participant of its own (named by `voter`). */
async function castVotes(voter: string, itemIds: string[]): Promise<void> {
  for (const itemId of itemIds) {
    const res = await fetch(`${server.url}/api/boards/${board.id}/votes`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': `voter-${voter}-`.padEnd(40, 'x'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ voteId: randomUUID(), itemId }),
    })
    expect(res.status).toBe(200)
  }
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[owner, alice, bob, viewer] = await Promise.all([
    newTab(browser),
    newTab(browser),
    newTab(browser),
    newTab(browser),
  ])
  board = await createSharedBoard(owner, server.url, 'Churn workshop')
  asOwner = ownerApi(server.url, board)
  await Promise.all([
    openLink(alice, board.links.edit),
    openLink(bob, board.links.comment),
    openLink(viewer, board.links.view),
  ])
})

// Each test starts with no vote running and a board holding only a canvas and a sticky of its
// own, so votes, budgets and results are the test's alone.
beforeEach(async () => {
  const { state } = await asOwner('/workshop')
  if (state.voting?.status === 'open') await asOwner('/workshop', { type: 'endVoting' })
  const { canvases } = (await asOwner('/canvases')) as { canvases: { id: string }[] }
  for (const { id } of canvases) {
    const res = await fetch(`${server.url}/api/boards/${board.id}/canvases/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${board.ownerKey}` },
    })
    expect(res.ok).toBe(true)
  }
  const canvas = await asOwner('/canvases', {
    kind: 'lean',
    title: 'Churn',
    boxes: { problem: ['Users forget', 'Too pricey', 'Slow support'] },
  })
  ;[items.forget, items.pricey, items.slow] = canvas.boxes.problem.map((i: { id: string }) => i.id)
  stickyId = `shape:sticky-call-${++stickies}`
  // A sticky beside the canvas: a board-wide vote covers it too.
  await owner.page.evaluate((id) => {
    const editor = window.editor!
    editor.deleteShapes(editor.getCurrentPageShapes().filter((shape) => shape.type === 'note'))
    const text = 'Call churned users'
    editor.createShape({
      id: id as never,
      type: 'note',
      x: -400,
      y: 0,
      props: {
        richText: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        },
      },
    })
  }, stickyId)
  for (const tab of [owner, alice, bob, viewer]) {
    await tab.page.waitForFunction(
      ({ item, sticky }) =>
        document.querySelector(`[data-testid="box-item"][data-item-id="${item}"]`) !== null &&
        window.editor!.getShape(sticky as never) !== undefined,
      { item: items.slow, sticky: stickyId },
      { timeout: eventually.timeout },
    )
    await fitBoard(tab.page)
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('when the facilitator runs a dot vote on the board', () => {
  it('gives each participant dots to place, with a count of the votes left', async () => {
    await startVote()
    expect(await votesLeft(alice.page)).toBe('3')
    expect(await votesLeft(bob.page)).toBe('3')

    // From the keyboard: the dot button takes focus and Enter casts the vote.
    await itemRow(alice.page, items.forget).getByTestId('vote-button').focus()
    await alice.page.keyboard.press('Enter')
    await expect.poll(() => myDots(alice.page, items.forget).count(), eventually).toBe(1)
    await expect.poll(() => votesLeft(alice.page), eventually).toBe('2')
  })

  it('shows a viewer the vote running but no way to vote or react', async () => {
    await startVote()
    await viewer.page.locator('.workshop-overlay[data-voting="open"]').waitFor()
    await itemRow(viewer.page, items.forget).waitFor()
    expect(await viewer.page.getByTestId('vote-button').count()).toBe(0)
    expect(await viewer.page.getByTestId('votes-left').count()).toBe(0)
    expect(await viewer.page.getByTestId('reaction-bar').count()).toBe(0)
    // A commenter does get both.
    expect(await bob.page.getByTestId('reaction-bar').count()).toBe(1)
  })

  it('counts a vote once when its answer was lost, and sends one that never left, after a reload', async () => {
    const page = alice.page
    await startVote()
    await voteFor(page, items.forget)
    await expect.poll(() => votesLeft(page), eventually).toBe('2')
    // This vote reaches the server, but the answer never reaches the page…
    await page.route('**/votes', async (route) => {
      await route.fetch()
      await route.abort('connectionreset')
    })
    await voteFor(page, items.pricey)
    await page.getByTestId('vote-error').waitFor()
    await page.unroute('**/votes')
    // …and this one never reaches the server.
    await page.route('**/votes', (route) => route.abort('connectionreset'))
    await voteFor(page, items.slow)
    await expect.poll(() => myDots(page, items.slow).count(), eventually).toBe(1)
    await page.unroute('**/votes')

    await page.reload()
    await waitForBoard(page)
    await fitBoard(page)
    await expect.poll(() => votesLeft(page), eventually).toBe('0')
    await expect.poll(() => myDots(page, items.pricey).count(), eventually).toBe(1)
    await expect.poll(() => myDots(page, items.slow).count(), eventually).toBe(1)
    const pending = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('discovery-board:pending-votes')),
    )
    expect(pending).toEqual([])
  })

  it('refuses a vote over the budget, briefly, and lets a dot be taken back', async () => {
    const page = bob.page
    await startVote()
    await expect.poll(() => votesLeft(page), eventually).toBe('3')
    await voteFor(page, items.forget)
    await expect.poll(() => votesLeft(page), eventually).toBe('2')
    await voteFor(page, items.forget)
    await expect.poll(() => votesLeft(page), eventually).toBe('1')
    await voteFor(page, items.slow)
    await expect.poll(() => votesLeft(page), eventually).toBe('0')
    await voteFor(page, items.pricey)
    await expect
      .poll(() => page.getByTestId('vote-error').textContent(), eventually)
      .toContain('used all')
    await page.screenshot({ path: '/tmp/shots/voting-running.png' })

    await myDots(page, items.slow).first().click()
    await expect.poll(() => votesLeft(page), eventually).toBe('1')
    expect(await myDots(page, items.slow).count()).toBe(0)
    expect(await myDots(page, items.forget).count()).toBe(2)

    // The last one goes on the sticky, through the dot button on its corner.
    await stickyVote(page).getByTestId('vote-button').click()
    await expect.poll(() => votesLeft(page), eventually).toBe('0')
    expect(await stickyVote(page).getByTestId('my-vote-dot').count()).toBe(1)
    await page.screenshot({ path: '/tmp/shots/voting-sticky.png' })
  })

  it('ranks the items on every screen when the facilitator ends it', async () => {
    await startVote()
    await castVotes('a', [items.forget, items.pricey, items.slow])
    await castVotes('b', [items.forget, items.forget, stickyId])
    await asOwner('/workshop', { type: 'endVoting' })
    const expected = [
      ['Users forget', 3, '1'],
      ['Too pricey', 1, '2'],
      ['Slow support', 1, '2'],
      ['Call churned users', 1, '2'],
    ]
    for (const tab of [owner, alice, bob, viewer]) {
      await expect.poll(() => resultLines(tab.page), eventually).toEqual(expected)
      const count = itemRow(tab.page, items.forget).getByTestId('item-vote-count')
      await expect.poll(() => count.textContent(), eventually).toBe('3')
      const stickyCount = tab.page.locator(
        `[data-testid="item-vote-count"][data-item-id="${stickyId}"]`,
      )
      await expect.poll(() => stickyCount.textContent(), eventually).toBe('1')
      expect(await tab.page.getByTestId('vote-button').count()).toBe(0)
    }
    await viewer.page.screenshot({ path: '/tmp/shots/voting-results.png' })
  })

  it('zooms to an item and lights it up when its result is clicked', async () => {
    const page = viewer.page
    await startVote()
    await page.locator('.workshop-overlay[data-voting="open"]').waitFor()
    await castVotes('a', [items.forget, items.forget, items.pricey])
    await asOwner('/workshop', { type: 'endVoting' })
    await page.getByTestId('vote-result').filter({ hasText: 'Too pricey' }).waitFor()
    await page.evaluate(() => {
      window.editor!.setCamera({ x: -5000, y: -5000, z: 1 })
    })
    await page.getByTestId('vote-result').filter({ hasText: 'Too pricey' }).click()
    await expect
      .poll(() => itemRow(page, items.pricey).getAttribute('class'), eventually)
      .toContain('is-highlighted')
    // In view once the camera has moved there.
    await expect
      .poll(async () => {
        const box = await itemRow(page, items.pricey).boundingBox()
        return box !== null && box.x > 0 && box.x + box.width < 1280 && box.y > 0 && box.y < 800
      }, eventually)
      .toBe(true)
    await page.screenshot({ path: '/tmp/shots/voting-zoomed.png' })
  })

  it('threw no errors in the pages', () => {
    for (const tab of [owner, alice, bob, viewer]) expect(tab.errors).toEqual([])
  })
})
