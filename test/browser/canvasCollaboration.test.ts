import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { addItemAndType, boxOf, canvasOn, insertFromPicker, itemTexts } from './canvasDriver'

let server: TestServer
let browser: Browser
let alice: BoardTab
let bob: BoardTab
let canvasId: string

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  const boardId = await createBoard(server.url, 'Pairing')
  // Two isolated profiles: no BroadcastChannel shortcut, every edit goes through the server.
  ;[alice, bob] = await Promise.all([newTab(browser), newTab(browser)])
  await Promise.all([openBoard(alice, server.url, boardId), openBoard(bob, server.url, boardId)])
  canvasId = await insertFromPicker(alice.page, 'lean')
  await canvasOn(bob.page, canvasId).waitFor()
})

afterAll(async () => {
  for (const tab of [alice, bob]) expect(tab?.errors).toEqual([])
  await browser?.close()
  await server?.cleanup()
})

const typeSlowly = (tab: BoardTab, text: string) => tab.page.keyboard.type(text, { delay: 15 })

describe('when one person inserts a canvas', () => {
  it('shows it to the other where its author put it, as the same shape', async () => {
    const placement = (tab: BoardTab) =>
      tab.page.evaluate((id) => {
        const shape = window.editor!.getShape(`shape:canvas-${id}` as never)
        return (
          shape && { x: shape.x, y: shape.y, count: window.editor!.getCurrentPageShapes().length }
        )
      }, canvasId)
    const placed = await placement(alice)
    expect(placed).toBeDefined()
    await expect.poll(() => placement(bob), eventually).toEqual(placed)
    expect(await placement(alice)).toEqual(placed)
  })
})

describe('when two people type into different boxes of one canvas at once', () => {
  it('shows both of them every character of both', async () => {
    const aliceCanvas = canvasOn(alice.page, canvasId)
    const bobCanvas = canvasOn(bob.page, canvasId)
    await addItemAndType(alice.page, boxOf(aliceCanvas, 'problem'), '')
    await addItemAndType(bob.page, boxOf(bobCanvas, 'solution'), '')

    await Promise.all([
      typeSlowly(alice, 'Onboarding takes three weeks'),
      typeSlowly(bob, 'Guided setup wizard'),
    ])

    for (const tab of [alice, bob]) {
      const canvas = canvasOn(tab.page, canvasId)
      await expect
        .poll(() => itemTexts(boxOf(canvas, 'problem')), eventually)
        .toEqual(['Onboarding takes three weeks'])
      await expect
        .poll(() => itemTexts(boxOf(canvas, 'solution')), eventually)
        .toEqual(['Guided setup wizard'])
    }
  })
})

describe('when two people type into the same item at once', () => {
  it('merges their characters: one at the start, one at the end', async () => {
    const field = (tab: BoardTab) =>
      boxOf(canvasOn(tab.page, canvasId), 'channels').locator('textarea').first()
    await addItemAndType(alice.page, boxOf(canvasOn(alice.page, canvasId), 'channels'), 'webinars')
    await expect.poll(() => field(bob).inputValue(), eventually).toBe('webinars')

    await field(alice).focus()
    await alice.page.keyboard.press('End')
    await field(bob).focus()
    await bob.page.keyboard.press('Home')
    await Promise.all([typeSlowly(alice, ' and podcasts'), typeSlowly(bob, 'Partner ')])

    for (const tab of [alice, bob]) {
      await expect
        .poll(() => field(tab).inputValue(), eventually)
        .toBe('Partner webinars and podcasts')
    }
  })

  it('keeps every character when both type at the same spot', async () => {
    const field = (tab: BoardTab) =>
      boxOf(canvasOn(tab.page, canvasId), 'keyMetrics').locator('textarea').first()
    await addItemAndType(alice.page, boxOf(canvasOn(alice.page, canvasId), 'keyMetrics'), '[]')
    await expect.poll(() => field(bob).inputValue(), eventually).toBe('[]')
    for (const tab of [alice, bob]) {
      await field(tab).focus()
      await tab.page.keyboard.press('End')
      await tab.page.keyboard.press('ArrowLeft')
    }

    await Promise.all([typeSlowly(alice, 'aaaaaaaa'), typeSlowly(bob, 'bbbbbbbb')])

    const sorted = (text: string) => [...text].sort().join('')
    await expect
      .poll(async () => sorted(await field(alice).inputValue()), eventually)
      .toBe(sorted('[]aaaaaaaabbbbbbbb'))
    await expect
      .poll(() => field(bob).inputValue(), eventually)
      .toBe(await field(alice).inputValue())
    const merged = await field(alice).inputValue()
    expect(merged.startsWith('[') && merged.endsWith(']')).toBe(true)
  })
})

describe('when someone is typing in an item', () => {
  it('shows the others who it is, until they leave the item', async () => {
    const aliceName = await alice.page
      .locator('[data-testid="participant"][data-self="true"]')
      .getAttribute('data-name')
    // An item of its own, in a box no other test types in.
    const box = (tab: BoardTab) => boxOf(canvasOn(tab.page, canvasId), 'customerSegments')
    const item = (tab: BoardTab) => box(tab).getByTestId('box-item').first()
    await addItemAndType(alice.page, box(alice), 'Small agencies')
    await alice.page.keyboard.press('Escape')
    await expect.poll(() => itemTexts(box(bob)), eventually).toEqual(['Small agencies'])
    await expect.poll(() => item(bob).getByTestId('item-editor').count(), eventually).toBe(0)

    await item(alice).locator('textarea').focus()
    await expect
      .poll(() => item(bob).getByTestId('item-editor').textContent(), eventually)
      .toBe(aliceName)
    expect(await item(alice).getByTestId('item-editor').count()).toBe(0)

    await alice.page.keyboard.press('Escape')
    await expect.poll(() => item(bob).getByTestId('item-editor').count(), eventually).toBe(0)
  })
})

describe('when a person undoes in a canvas while someone else types in it', () => {
  it("takes back only that person's own typing", async () => {
    const field = (tab: BoardTab) =>
      boxOf(canvasOn(tab.page, canvasId), 'costStructure').locator('textarea').first()
    await addItemAndType(
      alice.page,
      boxOf(canvasOn(alice.page, canvasId), 'costStructure'),
      'hosting',
    )
    await expect.poll(() => field(bob).inputValue(), eventually).toBe('hosting')
    await alice.page.keyboard.press('Escape')

    await field(bob).focus()
    await bob.page.keyboard.press('End')
    await bob.page.keyboard.type(' and support')
    await expect.poll(() => field(alice).inputValue(), eventually).toBe('hosting and support')

    await field(alice).focus()
    await alice.page.keyboard.press('Home')
    // One input, so that one undo step holds it however slowly the keys would arrive.
    await alice.page.keyboard.insertText('cloud ')
    await expect.poll(() => field(bob).inputValue(), eventually).toBe('cloud hosting and support')

    await alice.page.keyboard.press('Control+z')
    for (const tab of [alice, bob]) {
      await expect.poll(() => field(tab).inputValue(), eventually).toBe('hosting and support')
    }
    await alice.page.keyboard.press('Control+Shift+z')
    await expect.poll(() => field(bob).inputValue(), eventually).toBe('cloud hosting and support')
  })
})
