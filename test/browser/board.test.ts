import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExportMarker } from '../../shared/markdown/format'
import { createBoard, createOwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  drawRectangle,
  hasShape,
  launchBrowser,
  newTab,
  openBoard,
  pointerPagePoint,
  waitForBoard,
  waitForShape,
  type BoardTab,
  eventually,
} from './browser'

let server: TestServer
let browser: Browser
const tabs: BoardTab[] = []

async function tab(): Promise<BoardTab> {
  const created = await newTab(browser)
  tabs.push(created)
  return created
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('when two people open the same board', () => {
  let boardId: string
  let alice: BoardTab
  let bob: BoardTab

  beforeAll(async () => {
    boardId = await createBoard(server.url, 'Shared board')
    ;[alice, bob] = await Promise.all([tab(), tab()])
    await Promise.all([openBoard(alice, server.url, boardId), openBoard(bob, server.url, boardId)])
  })

  it('shows each one the shape the other drew', async () => {
    await drawRectangle(alice.page, 'from-alice', 0, 0)
    await drawRectangle(bob.page, 'from-bob', 300, 0)

    await waitForShape(bob.page, 'from-alice')
    await waitForShape(alice.page, 'from-bob')
  })

  it("shows each one the other's cursor and lists both people, self first", async () => {
    await alice.page.mouse.move(500, 400)
    await alice.page.mouse.move(520, 420)
    await bob.page.mouse.move(700, 300)
    await bob.page.mouse.move(720, 320)

    for (const [viewer, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const otherName = await other.page
        .locator('[data-testid="participant"][data-self="true"]')
        .getAttribute('data-name')
      const otherPoint = await pointerPagePoint(other.page)
      await expect
        .poll(
          () =>
            viewer.page.evaluate(() =>
              window
                .editor!.getCollaborators()
                .map((c) => ({ name: c.userName, cursor: c.cursor })),
            ),
          eventually,
        )
        .toContainEqual({
          name: otherName,
          cursor: expect.objectContaining({ x: otherPoint.x, y: otherPoint.y }),
        })
      await viewer.page.locator('.tl-collaborators__item', { hasText: otherName! }).waitFor()

      const people = viewer.page.locator('[data-testid="participant"]')
      await expect.poll(() => people.count(), eventually).toBe(2)
      expect(await people.first().getAttribute('data-self')).toBe('true')
      expect(await people.nth(1).getAttribute('data-name')).toBe(otherName)
    }
  })

  it('publishes cursor moves at most 20 times a second', async () => {
    const aliceId = await alice.page.evaluate(() => window.editor!.user.getId())
    const start = Date.now()
    await alice.page.mouse.move(100, 200)
    await alice.page.mouse.move(900, 600, { steps: 120 })
    const last = await pointerPagePoint(alice.page)
    // The trailing update carries the final position; once Bob has it, every frame was sent.
    await expect
      .poll(
        () =>
          bob.page.evaluate(
            (userId) =>
              window.editor!.getCollaborators().find((c) => c.userId === `user:${userId}`)?.cursor,
            aliceId,
          ),
        eventually,
      )
      .toMatchObject({ x: last.x, y: last.y })
    const elapsed = Date.now() - start
    const sent = alice.awarenessSentAt.filter((time) => time >= start).length
    expect(sent).toBeGreaterThan(1)
    expect(sent).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1)
  })

  it('shows a changed display name to the other person', async () => {
    await setDisplayName(alice, 'Alice Example')
    await bob.page.locator('[data-testid="participant"][data-name="Alice Example"]').waitFor()
    await bob.page.locator('.tl-collaborators__item', { hasText: 'Alice Example' }).waitFor()
  })

  it('shows the same board after a reload, and to a newcomer', async () => {
    await setDisplayName(alice, 'Alice Reloaded')
    await drawRectangle(alice.page, 'kept-from-alice', 0, 600)
    await drawRectangle(bob.page, 'kept-from-bob', 300, 600)
    // Both reached the server once each page holds the other's.
    await waitForShape(alice.page, 'kept-from-bob')
    await waitForShape(bob.page, 'kept-from-alice')

    await alice.page.reload()
    await waitForBoard(alice.page)
    // The display name is remembered in this browser.
    await alice.page
      .locator('[data-testid="participant"][data-self="true"][data-name="Alice Reloaded"]')
      .waitFor()
    await waitForShape(alice.page, 'kept-from-alice')
    await waitForShape(alice.page, 'kept-from-bob')

    // A fresh profile has no local copy: everything comes from the server.
    const carol = await tab()
    await openBoard(carol, server.url, boardId)
    await waitForShape(carol.page, 'kept-from-alice')
    await waitForShape(carol.page, 'kept-from-bob')
    await carol.context.close()
  }, 60_000)

  it('merges an edit made offline once the connection is back', async () => {
    expect(await alice.openSyncSockets()).toBe(1)
    await alice.context.setOffline(true)
    await alice.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor()
    // The socket is really gone, so the edit below cannot travel until reconnection.
    await expect.poll(() => alice.openSyncSockets(), eventually).toBe(0)

    await drawRectangle(alice.page, 'made-offline', 0, 300)
    await drawRectangle(bob.page, 'made-meanwhile', 300, 300)
    await waitForShape(alice.page, 'made-offline')
    expect(await hasShape(bob.page, 'made-offline')).toBe(false)
    expect(await hasShape(alice.page, 'made-meanwhile')).toBe(false)

    await alice.context.setOffline(false)
    await alice.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor()
    await waitForShape(bob.page, 'made-offline')
    await waitForShape(alice.page, 'made-meanwhile')
  })

  it('threw no errors in either page', () => {
    expect(alice.errors).toEqual([])
    expect(bob.errors).toEqual([])
  })
})

describe('when an edit is made offline and the tab is closed', () => {
  it('keeps it on the device and sends it when the board is opened again', async () => {
    const boardId = await createBoard(server.url, 'Offline board')
    const alice = await tab()
    const bob = await tab()
    await Promise.all([openBoard(alice, server.url, boardId), openBoard(bob, server.url, boardId)])

    await alice.context.setOffline(true)
    await alice.page.locator('[data-testid="connection-status"][data-status="offline"]').waitFor()
    const savedBefore = await countStoredUpdates(alice.page, boardId)
    await drawRectangle(alice.page, 'kept-locally', 0, 0)
    // Closing the tab is only safe once IndexedDB has the edit.
    await expect
      .poll(() => countStoredUpdates(alice.page, boardId), eventually)
      .toBeGreaterThan(savedBefore)
    await alice.page.close()

    // Back online, but the sync socket is refused: the board must open from the local copy.
    let refuseSync = true
    await alice.context.routeWebSocket(/\/sync\//, (socket) => {
      if (refuseSync) socket.close({ code: 1013, reason: 'test: sync unavailable' })
      else socket.connectToServer()
    })
    await alice.context.setOffline(false)
    alice.page = await alice.context.newPage()
    await alice.page.goto(`${server.url}/b/${boardId}`)
    await waitForShape(alice.page, 'kept-locally')
    expect(await hasShape(bob.page, 'kept-locally')).toBe(false)

    refuseSync = false
    await alice.page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor()
    await waitForShape(bob.page, 'kept-locally')
  }, 60_000)
})

describe('when the server refuses the board', () => {
  it('tells people on a board that gets deleted that the owner deleted it', async () => {
    const { id: boardId, ownerKey } = await createOwnedBoard(server.url, 'Short-lived board')
    const viewer = await tab()
    await openBoard(viewer, server.url, boardId)

    // Deleted through the API, without saying as whom: the page names the owner.
    const response = await fetch(`${server.url}/api/boards/${boardId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ownerKey}` },
    })
    expect(response.ok).toBe(true)
    await viewer.page.locator('[data-testid="board-not-found"][data-reason="deleted"]').waitFor()
    await viewer.page
      .getByTestId('board-deleted-message')
      .filter({ hasText: 'The owner deleted this board' })
      .waitFor()
    expect(await viewer.page.getByTestId('restore-deleted-board').count()).toBe(0)
    expect(await viewer.openSyncSockets()).toBe(0)
    await viewer.context.close()
  })

  it('shows "Board not found" from the sync close code alone', async () => {
    const viewer = await tab()
    // The REST lookup fails, so only the socket's 4404 close can tell the board is missing.
    await viewer.page.route(/\/api\/boards\//, (route) => route.fulfill({ status: 503 }))
    await viewer.page.goto(`${server.url}/b/${'Z'.repeat(22)}`)
    await viewer.page.locator('[data-testid="board-not-found"][data-reason="missing"]').waitFor()
    await viewer.context.close()
  })
})

describe('when a person puts stickies in a frame and exports the board', () => {
  it('exports each sticky under its frame with the name of who wrote it', async () => {
    const boardId = await createBoard(server.url, 'Retro')
    const ann = await tab()
    await openBoard(ann, server.url, boardId)
    await setDisplayName(ann, 'Ann')
    // A frame under the whole view, so the sticky lands in it; a text far outside it.
    await ann.page.evaluate(() => {
      const editor = window.editor!
      const paragraph = (text: string) => ({
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
      })
      editor.createShape({
        type: 'frame',
        x: -3000,
        y: -3000,
        props: { w: 6000, h: 6000, name: 'Ideas' },
      })
      editor.createShape({ type: 'text', x: 9000, y: 0, props: { richText: paragraph('Later') } })
    })
    await ann.page.evaluate(() => {
      window.editor!.setCurrentTool('note')
    })
    await ann.page.mouse.click(400, 300)
    await ann.page.waitForFunction(
      () => (document.activeElement as HTMLElement | null)?.isContentEditable,
    )
    await ann.page.keyboard.type('Faster onboarding')
    await ann.page.keyboard.press('Escape')

    const drawn = [
      '## Stickies and shapes',
      '<!-- drawings -->',
      '',
      '### Ideas',
      '',
      '- Faster onboarding — Ann',
      '',
      '### Outside frames',
      '',
      '- Later — Ann',
      '',
    ].join('\n')
    await expect
      .poll(async () => {
        const res = await fetch(`${server.url}/api/boards/${boardId}/export.md`)
        return res.text()
      }, eventually)
      .toBe(`${ExportMarker}\n\n# Retro\n\n${drawn}`)
    await ann.context.close()
  })
})

/** Changes the tab's display name through the name dialog. */
async function setDisplayName(tab: BoardTab, name: string): Promise<void> {
  await tab.page.getByTestId('edit-name').click()
  await tab.page.getByTestId('name-input').fill(name)
  await tab.page.getByTestId('save-name').click()
  await tab.page
    .locator(`[data-testid="participant"][data-self="true"][data-name="${name}"]`)
    .waitFor()
}

/** How many Yjs updates y-indexeddb has stored for the board in this profile. */
function countStoredUpdates(page: BoardTab['page'], boardId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const count = db.transaction('updates').objectStore('updates').count()
          count.onsuccess = () => {
            resolve(count.result)
            db.close()
          }
        }
      }),
    `board-${boardId}`,
  )
}
