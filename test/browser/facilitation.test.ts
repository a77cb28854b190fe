import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import type { WorkshopState } from '../../shared/workshop/workshopState'
import {
  eventually,
  launchBrowser,
  newTab,
  openBoardMenu,
  waitForBoard,
  type BoardTab,
} from './browser'
import { addItemAndType, boxOf, canvasOn, insertFromPicker, itemTexts } from './canvasDriver'
import { createSharedBoard, openLink, ownerApi, type SharedBoard } from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab
let editor: BoardTab
let commenter: BoardTab
/** The workshop board, created and shared by its owner through the UI before the tests. */
let board: SharedBoard
let asOwner: ReturnType<typeof ownerApi>

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[owner, editor, commenter] = await Promise.all([
    newTab(browser),
    newTab(browser),
    newTab(browser),
  ])
  // Count the tones the page plays, to hear the end-of-timer chime.
  for (const tab of [owner, editor, commenter]) {
    await tab.context.addInitScript(() => {
      const Native = window.AudioContext
      const page = window as unknown as { tones: number }
      page.tones = 0
      window.AudioContext = class extends Native {
        override createOscillator() {
          page.tones += 1
          return super.createOscillator()
        }
      }
    })
  }
  // The owner creates the board and invites the others by link, as in a real workshop; the
  // first test checks how that went. Three screens load the board editor at once: on two cores
  // that alone takes a while.
  board = await createSharedBoard(owner, server.url, 'Discovery workshop')
  asOwner = ownerApi(server.url, board)
  await Promise.all([openLink(editor, board.links.edit), openLink(commenter, board.links.comment)])
})

// Every test starts from a quiet workshop: no timer, vote, follow, lock or private mode, and the
// owner the only facilitator. What a test needs beyond that, it sets up itself.
beforeEach(async () => {
  const { state } = (await asOwner('/workshop')) as { state: WorkshopState }
  for (const participantId of state.facilitatorIds) {
    await asOwner('/workshop', { type: 'facilitator', participantId, on: false })
  }
  if (state.voting?.status === 'open') await asOwner('/workshop', { type: 'endVoting' })
  // The results of an ended vote stay over the board until each person closes them.
  if (state.voting) await closeVoteResults(state.voting.id)
  if (state.follow) await asOwner('/workshop', { type: 'follow', on: false })
  if (state.timer.status !== 'idle') {
    await asOwner('/workshop', { type: 'timer', timer: { action: 'reset' } })
  }
  for (const { scope } of state.privateScopes) {
    await asOwner('/workshop', { type: 'private', scope, on: false })
  }
  for (const scope of state.locks)
    await asOwner('/workshop', { type: 'lock', scope, locked: false })
  for (const tab of participants()) {
    await toolbar(tab.page).waitFor({ state: 'detached' })
    await tab.page.getByTestId('follow-banner').waitFor({ state: 'detached' })
  }
  for (const tab of everyone()) {
    await tab.page.getByTestId('workshop-timer').waitFor({ state: 'detached' })
  }
  await owner.page.getByTestId('fac-timer-minutes').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

const participants = () => [editor, commenter]
const everyone = () => [owner, editor, commenter]
const toolbar = (page: Page) => page.getByTestId('facilitator-toolbar')

/** The shared timer as a page shows it, in whole seconds. */
async function timerSeconds(page: Page): Promise<number> {
  const text = await page.getByTestId('workshop-timer-time').first().textContent()
  const [m, s] = (text ?? '').split(':').map(Number)
  return (m ?? NaN) * 60 + (s ?? NaN)
}

/** What each page's timer shows, read at the same moment. */
const timersNow = () => Promise.all(everyone().map((tab) => timerSeconds(tab.page)))

const spread = (values: number[]) => Math.max(...values) - Math.min(...values)

/** The centre of the page's viewport, in page coordinates. */
function viewCentre(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => window.editor!.getViewportPageBounds().center.toJson())
}

/** How far apart two pages' viewport centres are. */
async function viewDistance(a: Page, b: Page): Promise<number> {
  const [p, q] = await Promise.all([viewCentre(a), viewCentre(b)])
  return Math.hypot(p.x - q.x, p.y - q.y)
}

/** Moves the owner's camera and waits until the participants see it in the owner's presence. */
async function moveOwnerCamera(x: number, y: number): Promise<void> {
  await owner.page.evaluate(
    ({ x, y }) => {
      window.editor!.setCamera({ x, y, z: 1 })
    },
    { x, y },
  )
  const ownerId = await owner.page.evaluate(() => window.editor!.user.getId())
  for (const tab of participants()) {
    await tab.page.waitForFunction(
      ({ ownerId, x, y }) =>
        window
          .editor!.getCollaborators()
          .some((p) => p.userId === `user:${ownerId}` && p.camera?.x === x && p.camera?.y === y),
      { ownerId, x, y },
      { timeout: eventually.timeout },
    )
  }
}

/** The name this tab shows for itself in the participants list. */
const ownName = (tab: BoardTab) =>
  tab.page.locator('[data-testid="participant"][data-self="true"]').getAttribute('data-name')

/** The owner makes a participant a facilitator from their avatar's menu. */
async function handFacilitation(tab: BoardTab): Promise<void> {
  const name = await ownName(tab)
  const person = owner.page.locator(`[data-testid="participant"][data-name="${name}"]`)
  await person.getByRole('button').first().click()
  await owner.page.getByTestId('toggle-facilitator').click()
  await person.getByTestId('facilitator-mark').waitFor()
  await toolbar(tab.page).waitFor()
}

/** Votes whose results panel the tests have closed on every screen. */
const closedResults = new Set<string>()

/** Closes the results panel of a vote on every screen that shows it. */
async function closeVoteResults(voteId: string): Promise<void> {
  const firstTime = !closedResults.has(voteId)
  closedResults.add(voteId)
  for (const tab of everyone()) {
    const results = tab.page.getByTestId('vote-results')
    // A screen shows it once; only a reloaded page shows it again.
    if (firstTime) await results.waitFor()
    else if (!(await results.isVisible())) continue
    await results.getByRole('button', { name: 'Close vote results' }).click()
    await results.waitFor({ state: 'detached' })
  }
}

/** How many tones the page has played since it loaded. */
const tonesOf = (tab: BoardTab) =>
  tab.page.evaluate(() => (window as unknown as { tones: number }).tones)

describe('when the owner runs a workshop with an editor and a commenter', () => {
  it('creates the board and invites an editor and a commenter by link', async () => {
    for (const role of ['edit', 'comment'] as const) {
      expect(board.links[role]).toContain('?key=')
    }
    expect(board.links.edit).not.toBe(board.links.comment)
    for (const tab of everyone()) {
      expect(new URL(tab.page.url()).pathname).toBe(`/b/${board.id}`)
    }
    await toolbar(owner.page).waitFor()
    await commenter.page.getByTestId('role-badge').filter({ hasText: 'Can comment' }).waitFor()
  })

  it('keeps the timer in step on every screen: start, pause, add a minute, reload', async () => {
    const minutes = owner.page.getByTestId('fac-timer-minutes')
    await minutes.fill('10')
    await owner.page.getByTestId('fac-timer-start').click()
    for (const tab of everyone()) {
      await tab.page.locator('[data-testid="workshop-timer"][data-status="running"]').waitFor()
    }
    // Participants without the role see the timer but no toolbar.
    for (const tab of participants()) expect(await toolbar(tab.page).count()).toBe(0)

    const running = await timersNow()
    expect(spread(running)).toBeLessThanOrEqual(1)
    expect(Math.min(...running)).toBeGreaterThan(9 * 60)
    expect(Math.max(...running)).toBeLessThanOrEqual(10 * 60)

    await owner.page.getByTestId('fac-timer-pause').click()
    for (const tab of everyone()) {
      await tab.page.locator('[data-testid="workshop-timer"][data-status="paused"]').waitFor()
    }
    const paused = await timersNow()
    expect(spread(paused)).toBe(0)

    await owner.page.getByTestId('fac-timer-add').click()
    await expect.poll(timersNow, eventually).toEqual(paused.map((s) => s + 60))

    await commenter.page.reload()
    await waitForBoard(commenter.page)
    await expect.poll(() => timerSeconds(commenter.page), eventually).toBe(paused[0]! + 60)

    await owner.page.getByTestId('fac-timer-start').click()
    await commenter.page.locator('[data-testid="workshop-timer"][data-status="running"]').waitFor()
    expect(spread(await timersNow())).toBeLessThanOrEqual(1)
  })

  it('brings every participant to the facilitator’s view when summoned', async () => {
    for (const tab of participants()) {
      await tab.page.evaluate(() => {
        window.editor!.setCamera({ x: 4200, y: 2600, z: 1 })
      })
    }
    await moveOwnerCamera(-4200, -2600)
    for (const tab of participants()) {
      expect(await viewDistance(owner.page, tab.page)).toBeGreaterThan(1000)
    }
    await owner.page.getByTestId('fac-summon').click()
    for (const tab of participants()) {
      await expect.poll(() => viewDistance(owner.page, tab.page), eventually).toBeLessThan(40)
    }
  })

  it('makes every participant’s camera follow the facilitator’s until it stops', async () => {
    await owner.page.getByTestId('fac-follow').click()
    for (const tab of participants()) {
      await tab.page.getByTestId('follow-banner').waitFor()
    }
    await moveOwnerCamera(2600, 1800)
    for (const tab of participants()) {
      await expect.poll(() => viewDistance(owner.page, tab.page), eventually).toBeLessThan(40)
    }

    // tldraw's own "Stop following" is not shown beside the banner's.
    expect(
      await editor.page
        .getByTestId('helper-buttons.stop-following')
        .isVisible()
        .catch(() => false),
    ).toBe(false)
    // The editor leaves on their own; the commenter keeps following.
    await editor.page.getByTestId('follow-banner').getByRole('button', { name: 'Stop' }).click()
    await editor.page.getByTestId('follow-again').waitFor()
    await moveOwnerCamera(-900, 4100)
    await expect.poll(() => viewDistance(owner.page, commenter.page), eventually).toBeLessThan(40)
    expect(await viewDistance(owner.page, editor.page)).toBeGreaterThan(1000)

    // A follower who scrolled away rejoins the facilitator's view whenever they like.
    await editor.page.getByTestId('follow-again').click()
    await expect.poll(() => viewDistance(owner.page, editor.page), eventually).toBeLessThan(40)
    await editor.page.getByTestId('follow-stop').waitFor()

    await owner.page.getByTestId('fac-follow').click()
    for (const tab of participants()) {
      await tab.page.getByTestId('follow-banner').waitFor({ state: 'detached' })
    }
  })

  it('locks a canvas so a participant cannot type in it, and unlocking lets them', async () => {
    const canvasId = await insertFromPicker(owner.page, 'lean')
    const shapeId = `shape:canvas-${canvasId}`
    const canvas = canvasOn(editor.page, canvasId)
    // Bring it into the editor's view: shapes off screen are not drawn.
    await editor.page.waitForFunction((id) => window.editor!.getShape(id as never), shapeId)
    await editor.page.evaluate((id) => {
      const e = window.editor!
      e.zoomToBounds(e.getShapePageBounds(id as never)!, { inset: 40 })
    }, shapeId)
    await canvas.waitFor()

    await owner.page.evaluate((id) => {
      window.editor!.select(id as never)
    }, shapeId)
    await owner.page.getByTestId('fac-lock').click()
    const shape = editor.page.locator('.canvas-shape', { has: canvas })
    await shape.getByTestId('canvas-lock-badge').waitFor()
    expect(await shape.locator('fieldset.canvas-fieldset').getAttribute('disabled')).not.toBeNull()
    expect(await boxOf(canvas, 'problem').getByTestId('add-item').isDisabled()).toBe(true)
    // Nor can they move it on the board.
    const moved = await editor.page.evaluate((id) => {
      const e = window.editor!
      const before = e.getShape(id as never)!.x
      e.updateShape({ id: id as never, type: 'canvas', x: before + 300 })
      return e.getShape(id as never)!.x !== before
    }, shapeId)
    expect(moved).toBe(false)

    await owner.page.getByTestId('fac-lock').click()
    await shape.getByTestId('canvas-lock-badge').waitFor({ state: 'detached' })
    await addItemAndType(editor.page, boxOf(canvas, 'problem'), 'Onboarding takes a week')
    await expect
      .poll(() => itemTexts(boxOf(canvasOn(owner.page, canvasId), 'problem')), eventually)
      .toContain('Onboarding takes a week')
  })

  it('locks a frame: nobody moves or deletes what is in it until it is unlocked', async () => {
    await owner.page.evaluate(() => {
      const e = window.editor!
      e.createShape({
        id: 'shape:retro' as never,
        type: 'frame',
        x: 4000,
        y: 0,
        props: { w: 500, h: 300 },
      })
      e.createShape({
        id: 'shape:inside' as never,
        type: 'geo',
        parentId: 'shape:retro' as never,
        x: 40,
        y: 40,
        props: { w: 100, h: 60 },
      })
      e.select('shape:retro' as never)
    })
    await editor.page.waitForFunction(() => window.editor!.getShape('shape:inside' as never))
    await owner.page.getByTestId('fac-lock').click()
    // Everyone sees the frame is locked, as they see a locked canvas.
    await editor.page.evaluate(() => {
      const e = window.editor!
      e.zoomToBounds(e.getShapePageBounds('shape:retro' as never)!, { inset: 200 })
    })
    const mark = editor.page.locator('.frame-lock-mark[data-frame="shape:retro"]')
    await mark.getByTestId('frame-lock-badge').waitFor()
    await editor.page.screenshot({ path: 'test-results/locked-frame.png' }).catch(() => undefined)
    // Its stickies cannot be opened for typing.
    const typing = await editor.page.evaluate(() => {
      const e = window.editor!
      e.setEditingShape('shape:inside' as never)
      return e.getEditingShapeId()
    })
    expect(typing).toBeNull()

    /** Tries to move the sticky inside the frame from the editor's page; true if it moved. */
    const tryMove = () =>
      editor.page.evaluate(() => {
        const e = window.editor!
        const before = e.getShape('shape:inside' as never)!.x
        e.updateShape({ id: 'shape:inside' as never, type: 'geo', x: before + 25 })
        return e.getShape('shape:inside' as never)!.x !== before
      })
    await expect.poll(tryMove, eventually).toBe(false)
    const kept = await editor.page.evaluate(() => {
      const e = window.editor!
      e.deleteShapes(['shape:inside' as never, 'shape:retro' as never])
      return !!e.getShape('shape:inside' as never) && !!e.getShape('shape:retro' as never)
    })
    expect(kept).toBe(true)

    await owner.page.getByTestId('fac-lock').click()
    await mark.waitFor({ state: 'detached' })
    await expect.poll(tryMove, eventually).toBe(true)
  })

  // Offline, back online, the board reopened from the server: on a busy machine that takes a
  // while.
  it(
    'drops a change that raced the lock, says so, and shows everyone’s version again',
    {
      timeout: 90_000,
    },
    async () => {
      const canvasId = await insertFromPicker(owner.page, 'lean')
      const canvas = canvasOn(editor.page, canvasId)
      await editor.page.waitForFunction(
        (id) => window.editor!.getShape(id as never),
        `shape:canvas-${canvasId}`,
      )
      await editor.page.evaluate((id) => {
        const e = window.editor!
        e.zoomToBounds(e.getShapePageBounds(id as never)!, { inset: 40 })
      }, `shape:canvas-${canvasId}`)
      await addItemAndType(editor.page, boxOf(canvas, 'problem'), 'Saved before the lock')
      const ownerBox = boxOf(canvasOn(owner.page, canvasId), 'problem')
      await expect.poll(() => itemTexts(ownerBox), eventually).toEqual(['Saved before the lock'])

      // The editor's change is made before their screen hears of the lock (offline here), and
      // reaches the server after it.
      await editor.context.setOffline(true)
      await editor.page
        .locator('[data-testid="connection-status"][data-status="offline"]')
        .waitFor()
      await addItemAndType(editor.page, boxOf(canvas, 'problem'), 'Typed as it got locked')
      await owner.page.evaluate((id) => {
        window.editor!.select(id as never)
      }, `shape:canvas-${canvasId}`)
      await owner.page.getByTestId('fac-lock').click()
      // The lock is in force (the owner's screen shows it) before the change reaches the server.
      await owner.page
        .locator('.canvas-shape', { has: canvasOn(owner.page, canvasId) })
        .getByTestId('canvas-lock-badge')
        .waitFor()
      await editor.context.setOffline(false)

      await editor.page.getByText('Locked by the facilitator').first().waitFor()
      const reopened = canvasOn(editor.page, canvasId)
      // The board opened again with its own camera: bring the canvas into view.
      await editor.page.waitForFunction(
        (id) => window.editor?.getShape(id as never),
        `shape:canvas-${canvasId}`,
      )
      await editor.page.evaluate((id) => {
        const e = window.editor!
        e.zoomToBounds(e.getShapePageBounds(id as never)!, { inset: 40 })
      }, `shape:canvas-${canvasId}`)
      await editor.page
        .locator('.canvas-shape', { has: reopened })
        .getByTestId('canvas-lock-badge')
        .waitFor()
      await expect
        .poll(() => itemTexts(boxOf(reopened, 'problem')), eventually)
        .toEqual(['Saved before the lock'])
      expect(await itemTexts(ownerBox)).toEqual(['Saved before the lock'])
      await editor.page.screenshot({ path: 'test-results/lock-race.png' }).catch(() => undefined)

      // Later edits elsewhere are saved as usual.
      await owner.page.getByTestId('fac-lock').click()
      await addItemAndType(editor.page, boxOf(reopened, 'problem'), 'After the unlock')
      await expect
        .poll(() => itemTexts(ownerBox), eventually)
        .toEqual(['Saved before the lock', 'After the unlock'])
    },
  )

  it('lets the owner hand facilitation to a participant, who can then start the timer', async () => {
    expect(await toolbar(editor.page).count()).toBe(0)
    await handFacilitation(editor)
    await editor.page.getByTestId('facilitator-badge').waitFor()
    await editor.page.getByTestId('fac-timer-minutes').fill('3')
    await editor.page.getByTestId('fac-timer-start').click()
    await commenter.page.locator('[data-testid="workshop-timer"][data-status="running"]').waitFor()
    await expect.poll(() => timerSeconds(owner.page), eventually).toBeGreaterThan(170)
    expect(await timerSeconds(owner.page)).toBeLessThanOrEqual(180)
    expect(await toolbar(commenter.page).count()).toBe(0)
  })

  it('signals the end of the timer on every screen with a chime and a pulse, no dialog', async () => {
    const tonesBefore = await Promise.all(everyone().map(tonesOf))
    await owner.page.getByTestId('fac-timer-minutes').fill('0.05')
    await owner.page.getByTestId('fac-timer-start').click()
    await Promise.all(
      everyone().map((tab) =>
        tab.page
          .locator('[data-testid="workshop-timer"][data-ended="true"]')
          .waitFor({ timeout: eventually.timeout }),
      ),
    )
    for (const [i, tab] of everyone().entries()) {
      expect(await timerSeconds(tab.page)).toBe(0)
      // The chime is two tones.
      expect(await tonesOf(tab)).toBe(tonesBefore[i]! + 2)
    }
  })

  it('starts and ends a dot vote and toggles private mode from the toolbar', async () => {
    await handFacilitation(editor)
    await owner.page.getByTestId('fac-private').click()
    await expect
      .poll(() => owner.page.getByTestId('fac-private').getAttribute('aria-pressed'), eventually)
      .toBe('true')
    await owner.page.getByTestId('fac-private').click()
    await expect
      .poll(() => owner.page.getByTestId('fac-private').getAttribute('aria-pressed'), eventually)
      .toBe('false')

    await owner.page.getByTestId('fac-vote').click()
    await owner.page.getByTestId('vote-dialog').getByLabel('Votes per person').fill('2')
    await owner.page.getByTestId('vote-start').click()
    // The other facilitator's toolbar follows the shared state.
    await editor.page.getByTestId('fac-end-vote').waitFor()
    await owner.page.getByTestId('fac-end-vote').click()
    await editor.page.getByTestId('fac-vote').waitFor()
  })

  it('shows the server’s message when it refuses an action', async () => {
    const workshopUrl = /\/api\/boards\/[^/]+\/workshop$/
    await owner.page.route(workshopUrl, (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'conflict', message: 'A vote is already running: end it first' },
        }),
      }),
    )
    await owner.page.getByTestId('fac-summon').click()
    await owner.page
      .getByTestId('facilitator-error')
      .filter({ hasText: 'A vote is already running: end it first' })
      .waitFor()
    await owner.page.unroute(workshopUrl)
    await owner.page
      .getByTestId('facilitator-error')
      .getByRole('button', { name: 'Dismiss' })
      .click()
    await owner.page.getByTestId('facilitator-error').waitFor({ state: 'detached' })
  })

  it('offers everyone the workshop summary as markdown', async () => {
    await openBoardMenu(commenter.page)
    const link = commenter.page.getByTestId('workshop-summary')
    const href = await link.getAttribute('href')
    expect(href).toMatch(/\/workshop\/summary\.md\?key=/)
    const response = await commenter.page.request.get(new URL(href!, server.url).toString())
    expect(response.status()).toBe(200)
    expect(await response.text()).toContain('#')
  })

  it('threw no errors in the pages', () => {
    for (const tab of everyone()) expect(tab.errors).toEqual([])
  })
})
