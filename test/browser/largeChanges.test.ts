import { readFile } from 'node:fs/promises'
import type { Browser, Locator, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getTldrawRecords } from '../../shared/doc/layout'
import { ExportMarker } from '../../shared/markdown/format'
import { apiClient, createHypothesis } from '../helpers/api'
import { createBoard } from '../helpers/clients'
import { createFaultyPersistence, type FaultyPersistence } from '../helpers/faultyPersistence'
import { startTestServer, type TestServer } from '../helpers/server'
import {
  drawRectangle,
  eventually,
  hasShape,
  launchBrowser,
  newTab,
  openBoard,
  waitForBoard,
  waitForShape,
  type BoardTab,
} from './browser'
import { canvasOn } from './canvasDriver'

/**
 * The server of these tests takes messages of at most 1 MiB, well under the default 10 MiB, so
 * that a change it refuses as too large is quick to make: a shape of 1.5 MB is below what the
 * app refuses by itself (2 MB a shape) and above what this server takes.
 */
const MaxMessageBytes = 1024 * 1024

let server: TestServer
let browser: Browser
/** The server's store, with a switch that makes its writes fail as a full disk would. */
let store: FaultyPersistence
const tabs: BoardTab[] = []

async function tab(): Promise<BoardTab> {
  const created = await newTab(browser)
  tabs.push(created)
  return created
}

/** How many sync sockets the page ever opened, closed ones included. */
const syncSocketsOpened = (page: Page) =>
  page.evaluate(() => (window.__sockets ?? []).filter((s) => window.__isBoardSocket!(s.url)).length)

const statusOf = (page: Page) => page.getByTestId('connection-status').getAttribute('data-status')

/** Puts text into a field at once, as a paste does (typing it would take minutes). */
async function pasteInto(field: Locator, text: string) {
  await field.focus()
  await field.evaluate((node, text) => {
    const area = node as HTMLTextAreaElement
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end')
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }))
  }, text)
}

/** Opens the tracking panel of a canvas on its measurements tab. */
async function openMeasurements(canvas: Locator) {
  if (!(await canvas.getByTestId('tracking-panel').isVisible())) {
    await canvas.getByTestId('toggle-tracking').click()
  }
  await canvas.getByTestId('tracking-tab-measurements').click()
}

/** Shows a canvas at 100 % zoom with its top left corner in view. */
async function showAtFullSize(page: Page, canvasId: string) {
  await page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, canvasId)
}

beforeAll(async () => {
  ;[server, browser] = await Promise.all([
    startTestServer({
      env: { MAX_MESSAGE_BYTES: String(MaxMessageBytes) },
      wrapPersistence: (inner) => {
        store = createFaultyPersistence(inner)
        return store.persistence
      },
    }),
    launchBrowser(),
  ])
})

afterAll(async () => {
  for (const t of tabs) expect(t.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

describe('when someone pastes more measurements than can be recorded at once', () => {
  let alice: BoardTab
  let bob: BoardTab
  let hypothesisId: string

  beforeAll(async () => {
    const boardId = await createBoard(server.url, 'Checkout experiments')
    hypothesisId = await createHypothesis(apiClient(server.url), boardId)
    ;[alice, bob] = await Promise.all([tab(), tab()])
    for (const t of [alice, bob]) {
      await t.page.setViewportSize({ width: 1560, height: 1000 })
      await openBoard(t, server.url, boardId)
      await canvasOn(t.page, hypothesisId).waitFor({ state: 'attached' })
      await showAtFullSize(t.page, hypothesisId)
      await openMeasurements(canvasOn(t.page, hypothesisId))
    }
  })

  it('refuses all of them with the limit, records nothing, and saves what comes after', async () => {
    const canvas = canvasOn(alice.page, hypothesisId)
    await canvas.locator('.tracking-csv summary').click()
    const rows = Array.from({ length: 60_000 }, (_, i) => `conversion,${4 + (i % 10) / 10}`)
    const input = canvas.getByTestId('csv-input')
    await pasteInto(input, `metric,value,at,source,id\n${rows.join('\n')}`)
    await canvas.getByTestId('record-csv').click()

    const message = canvas.getByTestId('csv-message')
    await expect
      .poll(() => message.textContent(), eventually)
      .toBe(
        'Nothing recorded. 60,000 rows pasted; at most 10,000 can be recorded at once — ' +
          'split the data and record it in parts.',
      )
    // The text stays, to be split; nothing entered the board, and the connection never broke.
    expect((await input.inputValue()).length).toBeGreaterThan(60_000 * 10)
    expect(await canvas.getByTestId('recent-measurements').count()).toBe(0)
    expect(await statusOf(alice.page)).toBe('connected')
    expect(await syncSocketsOpened(alice.page)).toBe(1)
    await message.scrollIntoViewIfNeeded()
    await alice.page.screenshot({ path: '/tmp/large-changes-paste-refused.png' })

    await input.fill('conversion,4.1\nconversion,4.2')
    await canvas.getByLabel(/Baseline readings/).check()
    await canvas.getByTestId('record-csv').click()
    await expect.poll(() => message.textContent(), eventually).toBe('Recorded 2 of 2 rows')

    // Exactly the two rows recorded afterwards reach the other screen.
    const elsewhere = canvasOn(bob.page, hypothesisId).getByTestId('recent-measurements')
    await expect.poll(() => elsewhere.count(), eventually).toBe(1)
    expect(await elsewhere.locator('xpath=..').textContent()).toContain('2 in all')
    expect(await syncSocketsOpened(alice.page)).toBe(1)
  })
})

describe('when the server refuses a change from this browser as too large', () => {
  let alice: BoardTab
  let bob: BoardTab
  const bigShape = 'too-large'
  const dialog = (t: BoardTab) => t.page.getByTestId('too-large-dialog')

  beforeAll(async () => {
    ;[alice, bob] = await Promise.all([tab(), tab()])
    // Alice's timers can be run ahead, to show nothing retries in the meantime.
    await alice.context.clock.install()
  })

  // Each test starts on a board of its own, where Alice's change has just been refused.
  beforeEach(async () => {
    const boardId = await createBoard(server.url, 'Roadmap ideas')
    await Promise.all([openBoard(alice, server.url, boardId), openBoard(bob, server.url, boardId)])
    await alice.page.evaluate(
      ({ id, bytes }) => {
        window.editor!.createShape({
          id: `shape:${id}` as TLShapeId,
          type: 'geo',
          x: 0,
          y: 0,
          props: { w: 200, h: 120 },
          meta: { notes: 'x'.repeat(bytes) },
        })
      },
      { id: bigShape, bytes: 1.5 * 1024 * 1024 },
    )
    await dialog(alice).waitFor()
  })

  it('says so in a dialog and stops sending instead of retrying', async () => {
    await dialog(alice).waitFor()
    expect(await statusOf(alice.page)).toBe('too-large')
    expect(await dialog(alice).getByRole('heading').textContent()).toBe(
      'A change was too large to save',
    )
    // Keyboard first: the safe choice has the focus.
    expect(await alice.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Download my unsaved changes',
    )
    await alice.page.screenshot({ path: '/tmp/large-changes-dialog.png' })

    // A minute of this browser's time later, no new socket was opened.
    await alice.context.clock.fastForward(60_000)
    expect(await syncSocketsOpened(alice.page)).toBe(1)
    expect(await alice.openSyncSockets()).toBe(0)
    expect(await hasShape(bob.page, bigShape)).toBe(false)
  })

  it('lets the person download what this device holds, the refused change included', async () => {
    const markdown = alice.page.waitForEvent('download')
    await dialog(alice).getByTestId('download-unsaved').click()
    const md = await markdown
    expect(md.suggestedFilename()).toBe('roadmap-ideas-unsaved.md')
    expect(await readFile((await md.path())!, 'utf8')).toContain(ExportMarker)

    const update = alice.page.waitForEvent('download')
    await dialog(alice).getByTestId('download-unsaved-update').click()
    const bin = await update
    expect(bin.suggestedFilename()).toBe('roadmap-ideas-unsaved.bin')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, new Uint8Array(await readFile((await bin.path())!)))
    expect(getTldrawRecords(doc).has(`shape:${bigShape}`)).toBe(true)
  })

  it('closes on Escape, and the status in the header opens it again', async () => {
    await alice.page.keyboard.press('Escape')
    await dialog(alice).waitFor({ state: 'hidden' })
    expect(await statusOf(alice.page)).toBe('too-large')
    await alice.page.getByTestId('connection-status').click()
    await dialog(alice).waitFor()
  })

  it('asks again after a reload, since the change is still on this device', async () => {
    await alice.page.reload()
    await dialog(alice).waitFor()
    await alice.context.clock.fastForward(60_000)
    expect(await syncSocketsOpened(alice.page)).toBe(1)
    expect(await hasShape(alice.page, bigShape)).toBe(true)
  })

  it('after Discard, opens the board as saved and saves what comes after', async () => {
    await dialog(alice).getByTestId('discard-unsaved').click()
    await waitForBoard(alice.page)
    expect(await dialog(alice).isVisible()).toBe(false)
    expect(await hasShape(alice.page, bigShape)).toBe(false)

    await drawRectangle(alice.page, 'after-discard', 400, 0)
    await waitForShape(bob.page, 'after-discard')
    expect(await hasShape(bob.page, bigShape)).toBe(false)

    // The discarded change is gone from this device too: a reload opens the board cleanly.
    await alice.page.reload()
    await waitForBoard(alice.page)
    expect(await hasShape(alice.page, 'after-discard')).toBe(true)
    expect(await hasShape(alice.page, bigShape)).toBe(false)
    expect(await dialog(alice).isVisible()).toBe(false)
  })
})

describe('when someone pastes a very long text onto the board', () => {
  it('is refused with a message, and nothing is added', async () => {
    const boardId = await createBoard(server.url, 'Notes')
    const carol = await tab()
    await openBoard(carol, server.url, boardId)
    const before = await carol.page.evaluate(() => window.editor!.getCurrentPageShapeIds().size)
    await carol.page.evaluate(
      (length) =>
        window.editor!.putExternalContent({ type: 'text', text: 'y'.repeat(length), sources: [] }),
      1.5 * 1024 * 1024,
    )
    const toast = carol.page.locator('.tlui-toast__title', { hasText: 'Too large to add' })
    await toast.waitFor()
    expect(await carol.page.locator('.tlui-toast__description').textContent()).toBe(
      'That is 1.5 MB; at most 1 MB can be added at once. Split it into smaller parts.',
    )
    expect(await carol.page.evaluate(() => window.editor!.getCurrentPageShapeIds().size)).toBe(
      before,
    )
    expect(await statusOf(carol.page)).toBe('connected')
  })
})

// Refused tries, backoff, then the save confirmed: on a busy machine that takes a while.
describe('when the server cannot save for a while', { timeout: 60_000 }, () => {
  it('says the edit is not saved, keeps it, and sends it once the server saves again', async () => {
    const boardId = await createBoard(server.url, 'Retro')
    const [dan, erin] = await Promise.all([tab(), tab()])
    await Promise.all([openBoard(dan, server.url, boardId), openBoard(erin, server.url, boardId)])

    store.failWrites = true
    try {
      await drawRectangle(dan.page, 'while-failing', 0, 0)
      await dan.page
        .locator('[data-testid="connection-status"][data-status="not-saved"]')
        .waitFor({ timeout: eventually.timeout })
      const status = dan.page.getByTestId('connection-status')
      expect(await status.textContent()).toContain('Not saved')
      expect(await status.getAttribute('title')).toBe(
        'The server cannot save right now. Your edits are kept on this device and sent again automatically.',
      )
      // Refused again on the next tries, it stays "Not saved" rather than "Live" in between.
      await expect.poll(() => store.refused, eventually).toBeGreaterThan(2)
      expect(await statusOf(dan.page)).toBe('not-saved')
      expect(await hasShape(erin.page, 'while-failing')).toBe(false)
    } finally {
      store.failWrites = false
    }

    await waitForShape(erin.page, 'while-failing')
    await expect.poll(() => statusOf(dan.page), eventually).toBe('connected')
    await drawRectangle(dan.page, 'after-recovery', 300, 0)
    await waitForShape(erin.page, 'after-recovery')
  })
})
