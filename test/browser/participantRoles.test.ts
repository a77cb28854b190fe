import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, type BoardTab } from './browser'
import {
  createSharedBoardByApi,
  openLink,
  ownerApi,
  ownerLink,
  type SharedBoard,
} from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab
let editor: BoardTab
let viewer: BoardTab
let board: SharedBoard
let asOwner: ReturnType<typeof ownerApi>

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({ env: { OPEN_INSTANCE: 'false' } }),
    launchBrowser(),
  ])
  ;[owner, editor, viewer] = await Promise.all([newTab(browser), newTab(browser), newTab(browser)])
  board = await createSharedBoardByApi(server.url, 'Who is who')
  asOwner = ownerApi(server.url, board)
  await Promise.all([
    openLink(owner, ownerLink(server.url, board)),
    openLink(editor, board.links.edit),
    openLink(viewer, board.links.view),
  ])
  // Guest names are drawn at random and could be the same; the tests tell people by name.
  await Promise.all([
    setDisplayName(owner, 'Olivia Owner'),
    setDisplayName(editor, 'Eddie Editor'),
    setDisplayName(viewer, 'Vera Viewer'),
  ])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

async function setDisplayName(tab: BoardTab, name: string) {
  await tab.page.getByTestId('edit-name').click()
  await tab.page.getByTestId('name-input').fill(name)
  await tab.page.getByTestId('save-name').click()
  await tab.page
    .locator(`[data-testid="participant"][data-self="true"][data-name="${name}"]`)
    .waitFor()
}

/** The name a tab shows for itself in the participants list. */
const ownName = async (tab: BoardTab) =>
  (await tab.page
    .locator('[data-testid="participant"][data-self="true"]')
    .getAttribute('data-name'))!

/** How `page` shows the person of `tab` in its participants list. */
const personOn = async (page: Page, tab: BoardTab) =>
  page.locator(`[data-testid="participant"][data-self="false"][data-name="${await ownName(tab)}"]`)

/** Who the roster behind "N others here" lists on `page`, by name: what it says of them. */
async function roster(page: Page): Promise<Record<string, string>> {
  await page.getByTestId('people-button').click()
  const rows = page.getByTestId('people-row')
  await rows.first().waitFor()
  const listed: Record<string, string> = {}
  for (const row of await rows.all()) {
    listed[(await row.getAttribute('data-name'))!] = (await row
      .getByTestId('people-role')
      .textContent())!
  }
  await page.keyboard.press('Escape')
  await rows.first().waitFor({ state: 'detached' })
  return listed
}

describe('when people join a board by different links', () => {
  it('each sees everyone’s role in the participants list', async () => {
    const [o, e, v] = await Promise.all([ownName(owner), ownName(editor), ownName(viewer)])
    const everyone = {
      [o]: 'Owner · Facilitator',
      [e]: 'Editor',
      [v]: 'Viewer',
    }
    for (const tab of [owner, editor, viewer]) {
      await expect.poll(() => roster(tab.page), eventually).toEqual(everyone)
    }
    // Each avatar says it too, in its menu.
    const shown = await personOn(viewer.page, owner)
    await shown.getByRole('button').click()
    const detail = viewer.page.getByTestId('participant-role-detail')
    expect(await detail.textContent()).toBe('Owner · Facilitator')
    await viewer.page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })
  })

  it('shows the owner’s crown to everyone, and on nobody else', async () => {
    for (const tab of [editor, viewer]) {
      const shown = await personOn(tab.page, owner)
      await shown.getByTestId('owner-mark').waitFor(eventually)
      expect(await shown.getAttribute('data-owner')).toBe('true')
      expect(await tab.page.getByTestId('owner-mark').count()).toBe(1)
    }
    // The owner sees their own crown on their chip, and none on the others.
    const self = owner.page.locator('[data-testid="participant"][data-self="true"]')
    await self.getByTestId('owner-mark').waitFor(eventually)
    expect(await owner.page.getByTestId('owner-mark').count()).toBe(1)
  })
})

describe('when the owner hands facilitation to an editor', () => {
  it('shows the facilitator’s star to everyone, beside the role the link gives', async () => {
    const participantId = await editor.page.evaluate(
      () => JSON.parse(localStorage.getItem('discovery-board:ui')!).state.userId as string,
    )
    await asOwner('/workshop', { type: 'facilitator', participantId, on: true })
    try {
      for (const tab of [owner, viewer]) {
        const shown = await personOn(tab.page, editor)
        await shown.getByTestId('facilitator-mark').waitFor(eventually)
        expect(await shown.getAttribute('data-role')).toBe('edit')
        expect(await shown.getByTestId('owner-mark').count()).toBe(0)
      }
    } finally {
      await asOwner('/workshop', { type: 'facilitator', participantId, on: false })
    }
    const onViewer = await personOn(viewer.page, editor)
    await onViewer.getByTestId('facilitator-mark').waitFor({ state: 'detached', ...eventually })
  })
})
