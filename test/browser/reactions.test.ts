import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, type BoardTab } from './browser'
import { createSharedBoard, openLink, type SharedBoard } from './workshopDriver'

let server: TestServer
let browser: Browser
let owner: BoardTab
let alice: BoardTab
let bob: BoardTab
let viewer: BoardTab
let board: SharedBoard

/** Where another person's cursor is on this page's screen, as its editor draws it. */
const cursorOnScreen = (page: Page, name: string) =>
  page.evaluate((name) => {
    const editor = window.editor!
    const presence = editor.getCollaborators().find((p) => p.userName === name && p.cursor !== null)
    if (!presence?.cursor) return null
    const at = editor.pageToScreen(presence.cursor)
    return { x: at.x, y: at.y }
  }, name)

const displayName = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('discovery-board:ui')!).state.name as string)

/** Every chat text a page ever shows, recorded as it appears. */
const recordChats = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { __chats: string[] }).__chats = seen
    new MutationObserver(() => {
      for (const bubble of document.querySelectorAll('[data-testid="cursor-chat-bubble"]')) {
        const text = bubble.lastChild?.textContent ?? ''
        if (!seen.includes(text)) seen.push(text)
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  })
const chatsSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __chats: string[] }).__chats)

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
  board = await createSharedBoard(owner, server.url, 'Retro')
  await Promise.all([
    openLink(alice, board.links.edit),
    openLink(bob, board.links.comment),
    openLink(viewer, board.links.view),
  ])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('when people react on the board', () => {
  it('floats a reaction sent by one participant on the other screens, then lets it go', async () => {
    await bob.page.emulateMedia({ reducedMotion: 'reduce' })
    // The emoji wait behind one button, so they cover none of the board until wanted.
    expect(await alice.page.getByRole('button', { name: 'React: Celebrate' }).count()).toBe(0)
    await alice.page.getByRole('button', { name: 'Reactions' }).click()
    await alice.page.getByRole('button', { name: 'React: Celebrate' }).click()
    for (const tab of [alice, bob, viewer]) {
      await tab.page.locator('[data-testid="floating-reaction"][data-emoji="🎉"]').waitFor()
    }
    // The screen that asked for less motion gets a fade without the float.
    const animation = await bob.page
      .getByTestId('floating-reaction')
      .evaluate((el) => getComputedStyle(el).animationName)
    expect(animation).toBe('reaction-fade')
    await bob.page.getByTestId('floating-reaction').waitFor({ state: 'detached' })
  })

  it('gives a viewer no reaction bar', async () => {
    await viewer.page.getByTestId('floating-reaction').waitFor({ state: 'detached' })
    expect(await viewer.page.getByTestId('reaction-bar').count()).toBe(0)
    expect(await bob.page.getByTestId('reaction-bar').count()).toBe(1)
  })
})

describe('when someone chats at their cursor', () => {
  it("shows the message next to the sender's cursor on the other screen", async () => {
    // Start from no message on Bob's screen, with Alice on the select tool.
    await expect
      .poll(() => bob.page.getByTestId('cursor-chat-bubble').count(), { timeout: 20_000 })
      .toBe(0)
    await alice.page.evaluate(() => {
      window.editor!.setCurrentTool('select')
      window.editor!.selectNone()
    })
    await recordChats(bob.page)
    const name = await displayName(alice.page)
    await alice.page.mouse.move(500, 420)
    await expect.poll(() => cursorOnScreen(bob.page, name), eventually).toEqual({ x: 500, y: 420 })

    // Escape drops a message before it is sent.
    await alice.page.keyboard.press('/')
    await alice.page.keyboard.type('never mind')
    await alice.page.keyboard.press('Escape')
    expect(await alice.page.getByTestId('cursor-chat-input').count()).toBe(0)

    await alice.page.keyboard.press('/')
    await alice.page.getByTestId('cursor-chat-input').waitFor()
    await alice.page.keyboard.type('Look at this one')
    await alice.page.keyboard.press('Enter')

    const bubble = bob.page
      .getByTestId('cursor-chat-bubble')
      .filter({ hasText: 'Look at this one' })
    await bubble.waitFor()
    const box = (await bubble.boundingBox())!
    // Below and right of the cursor tip, under the name tag the editor draws there.
    expect(box.x - 500).toBeGreaterThanOrEqual(0)
    expect(box.x - 500).toBeLessThan(40)
    expect(box.y - 420).toBeGreaterThanOrEqual(0)
    expect(box.y - 420).toBeLessThan(80)
    expect(await chatsSeen(bob.page)).toEqual(['Look at this one'])
  })

  it('lets a viewer chat too', async () => {
    await viewer.page.mouse.move(300, 300)
    await viewer.page.keyboard.press('/')
    await viewer.page.keyboard.type('Can everyone see?')
    await viewer.page.keyboard.press('Enter')
    const bubble = alice.page
      .getByTestId('cursor-chat-bubble')
      .filter({ hasText: 'Can everyone see?' })
    await bubble.waitFor()
    // Gone again after a few seconds.
    await bubble.waitFor({ state: 'detached', timeout: 15_000 })
  })

  it('keeps "/" as a character while someone types on the board', async () => {
    const page = alice.page
    await page.evaluate(() => {
      window.editor!.setCurrentTool('note')
    })
    await page.mouse.click(700, 300)
    await page.waitForFunction(
      () => (document.activeElement as HTMLElement | null)?.isContentEditable,
    )
    await page.keyboard.type('a/b')
    expect(await page.getByTestId('cursor-chat-input').count()).toBe(0)
    await page.keyboard.press('Escape')
    const texts = await page.evaluate(() =>
      window
        .editor!.getCurrentPageShapes()
        .filter((s) => s.type === 'note')
        .map((s) => window.editor!.getShapeUtil(s).getText(s)),
    )
    expect(texts).toContain('a/b')
  })

  it('threw no errors in the pages', () => {
    for (const tab of [owner, alice, bob, viewer]) expect(tab.errors).toEqual([])
  })
})
