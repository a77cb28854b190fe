import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Editor, TLShapeId } from 'tldraw'
import { MessageType } from '../../shared/protocol/messages'
import type { Role } from '../../shared/api/links'

declare global {
  interface Window {
    /** Every WebSocket the page opened, recorded by the test init script. */
    __sockets?: WebSocket[]
    /** Whether a socket URL is a board's sync socket (not a person's drafts, nor comments). */
    __isBoardSocket?: (url: string) => boolean
    /** The live editor, which the board exposes (client/board/BoardEditor.tsx). */
    editor?: Editor
  }
}

/** Options for expect.poll: the default second is too short on a busy two-core CI machine. */
export const eventually = { timeout: 15_000 }

/** Chromium from the system, headless, with nothing that phones home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface BoardTab {
  context: BrowserContext
  page: Page
  /** Uncaught errors in the page, to assert there were none. */
  errors: string[]
  /**
   * How many board sync sockets the current page holds open (not closing or closed); the
   * sockets of the person's private drafts and of the board's comments are not counted.
   */
  openSyncSockets(): Promise<number>
  /** When (Date.now()) each awareness message was sent to the server. */
  awarenessSentAt: number[]
}

/** A new isolated browser profile (own storage, own BroadcastChannel) with one page. */
export async function newTab(browser: Browser): Promise<BoardTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const errors: string[] = []
  const awarenessSentAt: number[] = []
  // Keep every socket the page creates, to read its readyState: the browser's own network
  // events report a close only once the closing handshake ends, which never happens offline.
  await context.addInitScript(() => {
    const Native = window.WebSocket
    const sockets: WebSocket[] = []
    window.__sockets = sockets
    window.__isBoardSocket = (url) =>
      new URL(url).pathname.startsWith('/sync/') &&
      !new URL(url).searchParams.has('drafts') &&
      !new URL(url).searchParams.has('comments')
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        sockets.push(this)
      }
    }
  })
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('websocket', (socket) => {
      if (!new URL(socket.url()).pathname.startsWith('/sync/')) return
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string' && payload[0] === MessageType.Awareness) {
          awarenessSentAt.push(Date.now())
        }
      })
    })
  })
  const page = await context.newPage()
  const tab: BoardTab = {
    context,
    page,
    errors,
    awarenessSentAt,
    openSyncSockets: () =>
      tab.page.evaluate(
        () =>
          (window.__sockets ?? []).filter(
            (socket) => window.__isBoardSocket!(socket.url) && socket.readyState <= WebSocket.OPEN,
          ).length,
      ),
  }
  return tab
}

/**
 * Gives the page's browser a board key, as the app keeps it (the page must be on the server's
 * origin); the next page load uses it.
 */
export async function holdBoardKey(page: Page, boardId: string, key: string, role: Role) {
  await page.evaluate(
    ({ boardId, key, role }) => {
      const keys = JSON.parse(localStorage.getItem('discovery-board:keys') ?? '{}')
      keys[boardId] = { key, role }
      localStorage.setItem('discovery-board:keys', JSON.stringify(keys))
    },
    { boardId, key, role },
  )
}

/** Opens a board and waits until the editor shows it and the sync is live. */
export async function openBoard(tab: BoardTab, baseUrl: string, boardId: string): Promise<void> {
  await tab.page.goto(`${baseUrl}/b/${boardId}`)
  await waitForBoard(tab.page)
}

/** Opens the board header's More menu (import, downloads, summary, tokens). */
export async function openBoardMenu(page: Page): Promise<void> {
  const item = page.getByRole('menu').getByTestId('download-board')
  // Clicking the button of a menu that is open already closes it.
  if (!(await item.isVisible())) await page.getByTestId('board-more').click()
  await item.waitFor()
}

/** Waits for the editor and a synced connection on the current page. */
export async function waitForBoard(page: Page): Promise<void> {
  // The editor's code loads with the board route; on a busy two-core machine that can take
  // longer than an action's usual wait.
  const loading = { timeout: 60_000 }
  await page.waitForFunction(() => window.editor !== undefined, undefined, loading)
  await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor(loading)
}

/** Creates a rectangle with a fixed id from inside the page, as a user edit. */
export function drawRectangle(page: Page, id: string, x: number, y: number): Promise<void> {
  return page.evaluate(
    ({ id, x, y }) => {
      const editor = window.editor
      if (!editor) throw new Error('no editor')
      const shapeId = `shape:${id}` as TLShapeId
      editor.createShape({ id: shapeId, type: 'geo', x, y, props: { w: 120, h: 80 } })
    },
    { id, x, y },
  )
}

/** Resolves once the page's editor holds a shape with this id. */
export async function waitForShape(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (shapeId) => window.editor?.getShape(shapeId as TLShapeId) !== undefined,
    `shape:${id}`,
  )
}

/** Whether the page's editor holds a shape with this id right now. */
export function hasShape(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    (shapeId) => window.editor?.getShape(shapeId as TLShapeId) !== undefined,
    `shape:${id}`,
  )
}

/** Where the page's pointer is, in page coordinates. */
export function pointerPagePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => window.editor!.inputs.getCurrentPagePoint().toJson())
}

/** Collects every Content-Security-Policy violation the page reports, from the page and its console. */
export async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) fromConsole.push(message.text())
  })
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { cspViolations: string[] }).cspViolations = seen
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`),
    )
  })
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
    )),
  ]
}
