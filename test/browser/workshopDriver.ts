import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { eventually, waitForBoard, type BoardTab } from './browser'

/** A board its owner created through the UI, with the share links from the Share dialog. */
export interface SharedBoard {
  id: string
  ownerKey: string
  links: Record<'edit' | 'comment' | 'view', string>
}

/** Creates a board as its owner, through the UI, and reads its links from the Share dialog. */
export async function createSharedBoard(
  tab: BoardTab,
  baseUrl: string,
  title: string,
): Promise<SharedBoard> {
  const page = tab.page
  await page.goto(baseUrl)
  await page.getByLabel('New board title').fill(title)
  await page.getByRole('button', { name: 'Create board' }).click()
  await page.getByTestId('board-item-title').filter({ hasText: title }).click()
  await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
  await waitForBoard(page)
  const id = new URL(page.url()).pathname.split('/').pop()!
  await page.getByTestId('share-board').click()
  const links = {} as SharedBoard['links']
  for (const role of ['edit', 'comment', 'view'] as const) {
    // Waits in the page rather than with expect.poll, so set-up hooks can use it.
    const handle = await page.waitForFunction(
      (role) =>
        document
          .querySelector<HTMLInputElement>(
            `[data-testid="share-link-${role}"] input.share-link-url`,
          )
          ?.value.match(/\?key=/) &&
        document.querySelector<HTMLInputElement>(
          `[data-testid="share-link-${role}"] input.share-link-url`,
        )!.value,
      role,
      { timeout: eventually.timeout },
    )
    links[role] = (await handle.jsonValue()) as string
  }
  await page.getByRole('button', { name: 'Done' }).click()
  const ownerKey = await page.evaluate(
    (id) => JSON.parse(localStorage.getItem('discovery-board:keys') ?? '{}')[id]?.key as string,
    id,
  )
  return { id, ownerKey, links }
}

/** Creates a board through the API, as its owner, with full URLs for its share links. */
export async function createSharedBoardByApi(baseUrl: string, title: string): Promise<SharedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (res.status !== 201) throw new Error(`create board answered ${res.status}`)
  const created = (await res.json()) as {
    id: string
    ownerKey: string
    links: { role: 'edit' | 'comment' | 'view'; path: string | null }[]
  }
  const links = {} as SharedBoard['links']
  for (const link of created.links) links[link.role] = `${baseUrl}${link.path}`
  return { id: created.id, ownerKey: created.ownerKey, links }
}

/** The link that opens a board as its owner (the owner key, which the page then keeps). */
export const ownerLink = (baseUrl: string, board: SharedBoard) =>
  `${baseUrl}/b/${board.id}?key=${encodeURIComponent(board.ownerKey)}`

/** The facilitator's participant secret for REST calls; the owner key makes them facilitator. */
const facilitatorSecret = 'facilitator-'.padEnd(40, 'x')

/** REST calls on a board as its owner (the facilitator). */
export function ownerApi(baseUrl: string, board: SharedBoard) {
  return async (path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/boards/${board.id}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${board.ownerKey}`,
        'x-participant': facilitatorSecret,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
    return res.json()
  }
}

/** Zooms the page's editor to show everything on the board. */
export const fitBoard = (page: Page) =>
  page.evaluate(() => {
    window.editor!.zoomToFit()
  })

/** A canvas item's row, by item id. */
export const itemRow = (page: Page, itemId: string) =>
  page.locator(`[data-testid="box-item"][data-item-id="${itemId}"]`)

/** Opens a share link and waits for the board. */
export async function openLink(tab: BoardTab, link: string): Promise<void> {
  await tab.page.goto(link)
  await waitForBoard(tab.page)
}

export { expect }
