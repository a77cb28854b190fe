import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { eventually } from './browser'

/** Inserts a canvas of a kind from the template picker, by keyboard; returns its canvas id. */
export async function insertFromPicker(page: Page, kind: string): Promise<string> {
  const canvases = page.locator(`[data-testid="canvas-card"][data-kind="${kind}"]`)
  const before = (
    await canvases.evaluateAll((nodes) =>
      nodes.map((node) => (node as HTMLElement).dataset.canvasId),
    )
  ).filter((id): id is string => id !== undefined)
  await page.getByTestId('template-picker').focus()
  await page.keyboard.press('ArrowDown')
  const option = page.getByTestId(`template-${kind}`)
  await option.waitFor()
  await option.focus()
  await page.keyboard.press('Enter')
  // Waits on the page rather than with expect.poll, so set-up hooks can use it too.
  const handle = await page.waitForFunction(
    ({ kind, before }) => {
      const nodes = document.querySelectorAll<HTMLElement>(
        `[data-testid="canvas-card"][data-kind="${kind}"]`,
      )
      return [...nodes].map((n) => n.dataset.canvasId).find((id) => id && !before.includes(id))
    },
    { kind, before },
    { timeout: eventually.timeout },
  )
  return (await handle.jsonValue()) as string
}

/** A canvas on the page, by id. */
export const canvasOn = (page: Page, canvasId: string): Locator =>
  page.locator(`[data-testid="canvas-card"][data-canvas-id="${canvasId}"]`)

/** A box of a canvas, by key. */
export const boxOf = (canvas: Locator, boxKey: string): Locator =>
  canvas.locator(`[data-box-key="${boxKey}"]`)

/** The texts of a box's items, in order. */
export function itemTexts(box: Locator): Promise<string[]> {
  return box
    .locator('[data-testid="box-item"] textarea')
    .evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value))
}

/** Adds an item to a box with the mouse and types into it. */
export async function addItemAndType(page: Page, box: Locator, text: string): Promise<void> {
  await box.getByTestId('add-item').click()
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName), eventually)
    .toBe('TEXTAREA')
  await page.keyboard.type(text)
}

/** The text of the focused field. */
export const focusedValue = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)
