import type { Browser, Locator, Page } from 'playwright-core'
import type { TLShapeId } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProjectViewSchema } from '../../shared/api/projects'
import { apiClient, type Api } from '../helpers/api'
import { createOwnedBoard } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/server'
import { eventually, launchBrowser, newTab, openBoard, type BoardTab } from './browser'
import { canvasOn } from './canvasDriver'

let server: TestServer
let api: Api
let browser: Browser
let alice: BoardTab
let bob: BoardTab

/** A name of one's own, as the name dialog would have stored it, before the board opens. */
async function signInAs(tab: BoardTab, name: string) {
  await tab.context.addInitScript((name) => {
    const state = { userId: name.toLowerCase().padEnd(32, '0'), name, color: '#2b8a3e' }
    localStorage.setItem(
      'discovery-board:ui',
      JSON.stringify({ state: { ...state, showRecentlyDeleted: false }, version: 1 }),
    )
  }, name)
}

/** Shows a canvas at 100 % zoom with its top left corner in view. */
async function showAtFullSize(page: Page, canvasId: string) {
  await page.evaluate((id) => {
    const editor = window.editor!
    const bounds = editor.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)!
    editor.setCamera({ x: -bounds.x + 24, y: -bounds.y + 24, z: 1 })
  }, canvasId)
}

async function createProject(boardId: string, title: string): Promise<string> {
  const res = await api(`/api/boards/${boardId}/canvases`, {
    body: { kind: 'project', title, fields: { owner: 'Ada', problem: 'Customers leave' } },
  })
  expect(res.status, res.text).toBe(201)
  return res.json.id
}

const stepState = (canvas: Locator, stage: string) =>
  canvas.getByTestId(`project-step-${stage}`).getAttribute('data-state')

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startTestServer(), launchBrowser()])
  api = apiClient(server.url)
  // Two isolated profiles: no BroadcastChannel shortcut, every edit goes through the server.
  ;[alice, bob] = await Promise.all([newTab(browser), newTab(browser)])
  await Promise.all([signInAs(alice, 'Alice'), signInAs(bob, 'Bob')])
  for (const tab of [alice, bob]) await tab.page.setViewportSize({ width: 1560, height: 1000 })
})

afterAll(async () => {
  await browser?.close()
  await server?.cleanup()
})

describe('a project on the board', () => {
  it('moves through two stages with why, and every screen shows the stage and its open gates', async () => {
    const board = await createOwnedBoard(server.url, 'Retention')
    const id = await createProject(board.id, 'Churn model')
    for (const tab of [alice, bob]) {
      await openBoard(tab, server.url, board.id)
      await canvasOn(tab.page, id).waitFor({ state: 'attached' })
      await showAtFullSize(tab.page, id)
      await canvasOn(tab.page, id).waitFor()
    }
    const mine = canvasOn(alice.page, id)
    const theirs = canvasOn(bob.page, id)
    expect(await stepState(mine, 'ideation')).toBe('current')
    expect(await mine.getByTestId('project-step-open-ideation').textContent()).toBe('4 open')

    // Answer one ideation gate: the count of open questions drops on both screens.
    await mine.getByTestId('gate-needs-ml-yes').check()
    await expect
      .poll(() => theirs.getByTestId('project-step-open-ideation').textContent(), eventually)
      .toBe('3 open')

    // First move, by keyboard through the dialog: it proposes the next stage.
    await mine.getByTestId('move-stage-open').click()
    const dialog = alice.page.getByTestId('move-stage-dialog')
    expect(await dialog.getByTestId('move-stage-to').inputValue()).toBe('experimentation')
    expect(await dialog.getByTestId('move-stage-open-gates').textContent()).toContain(
      '3 gate questions',
    )
    // Without a reason the form does not submit.
    await dialog.getByTestId('move-stage-submit').click()
    expect(await stepState(mine, 'ideation')).toBe('current')
    await dialog.getByTestId('move-stage-why').fill('The problem is framed and needs a model')
    await dialog.getByTestId('move-stage-submit').click()
    await expect.poll(() => stepState(theirs, 'experimentation'), eventually).toBe('current')
    expect(await stepState(theirs, 'ideation')).toBe('past')

    // Second move, two stages on.
    await mine.getByTestId('move-stage-open').click()
    await dialog.getByTestId('move-stage-to').selectOption('prototyping')
    await dialog.getByTestId('move-stage-why').fill('Data exists in the warehouse')
    await dialog.getByTestId('move-stage-submit').click()
    await expect.poll(() => stepState(theirs, 'prototyping'), eventually).toBe('current')
    await expect
      .poll(() => theirs.getByTestId('project-stage').getAttribute('data-shown'), eventually)
      .toBe('prototyping')
    expect(await theirs.getByTestId('project-gates-open').textContent()).toBe('2 of 2 open')
    expect(await theirs.getByTestId('project-move').count()).toBe(2)
    expect(await theirs.getByTestId('project-move').first().textContent()).toContain(
      'Experimentation → Prototyping',
    )

    // The record every screen shows is the one the server holds: who, when and why.
    const view = ProjectViewSchema.parse(
      (await api(`/api/boards/${board.id}/canvases/${id}/project`)).json,
    )
    expect(view.record.moves.map((m) => [m.from, m.to, m.by, m.why])).toEqual([
      ['ideation', 'experimentation', 'Alice', 'The problem is framed and needs a model'],
      ['experimentation', 'prototyping', 'Alice', 'Data exists in the warehouse'],
    ])
    expect(view.record.gates['ideation/needs-ml']).toMatchObject({ answer: 'yes', by: 'Alice' })
  })
})

describe('the portfolio', () => {
  it('filters by stage from the keyboard and opens a project on its board', async () => {
    const page = alice.page
    const a = await createOwnedBoard(server.url, 'Growth')
    const b = await createOwnedBoard(server.url, 'Search')
    const pricing = await createProject(a.id, 'Pricing model')
    const ranking = await createProject(b.id, 'Search ranking')
    const fraud = await createProject(b.id, 'Fraud model')
    const post = (boardId: string, id: string, path: string, body: unknown) =>
      api(`/api/boards/${boardId}/canvases/${id}/${path}`, { body })
    expect((await post(a.id, pricing, 'stage', { to: 'prototyping', why: 'Go' })).status).toBe(200)
    await post(b.id, ranking, 'stage', { to: 'data-collection', why: 'Framed' })
    await post(b.id, ranking, 'end', { outcome: 'stopped', why: 'No click data' })

    await page.goto(server.url)
    await page.getByTestId('nav-portfolio').click()
    await page.waitForURL(/\/portfolio$/)
    const rows = page.getByTestId('portfolio-row')
    // Every project of the instance (tests run in any order: another may have added some).
    const count = async (query = '') =>
      ((await api(`/api/portfolio${query}`)).json.projects as unknown[]).length
    const everything = await count()
    expect(everything).toBeGreaterThanOrEqual(3)
    await expect.poll(() => rows.count(), eventually).toBe(everything)
    expect(await page.getByTestId('nav-portfolio').getAttribute('aria-current')).toBe('page')
    const funnel = page.getByTestId('funnel-data-collection')
    const stoppedInData = String(
      (await api('/api/portfolio')).json.funnel.find(
        (f: { stage: string }) => f.stage === 'data-collection',
      ).stopped,
    )
    expect(stoppedInData).not.toBe('0')
    expect(await funnel.getAttribute('data-stopped')).toBe(stoppedInData)
    const fraudRow = page.locator(`[data-testid="portfolio-row"][data-project-id="${fraud}"]`)
    expect(await fraudRow.getByTestId('portfolio-check-in').textContent()).toBe('No check-in yet')

    const stage = page.getByRole('button', { name: /^Stage/ })
    await stage.focus()
    // Enter opens the menu on its first option; the arrows go down to Prototyping.
    await page.keyboard.press('Enter')
    const menu = page.getByRole('menu', { name: 'Stage' })
    await menu.waitFor()
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '')
    await expect.poll(focused, eventually).toBe('Ideation')
    for (const next of ['Experimentation', 'Data collection', 'Prototyping']) {
      await page.keyboard.press('ArrowDown')
      await expect.poll(focused, eventually).toBe(next)
    }
    await page.keyboard.press('Space')
    await expect.poll(() => new URL(page.url()).search, eventually).toBe('?stage=prototyping')
    await page.keyboard.press('Escape')
    const prototyping = await count('?stage=prototyping')
    expect(prototyping).toBeGreaterThan(0)
    expect(prototyping).toBeLessThan(everything)
    await expect.poll(() => rows.count(), eventually).toBe(prototyping)
    const stages = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))
    expect(new Set(stages)).toEqual(new Set(['prototyping']))
    // The funnel counts every ended project, whatever the filters.
    expect(await funnel.getAttribute('data-stopped')).toBe(stoppedInData)

    const row = page.locator(`[data-testid="portfolio-row"][data-project-id="${pricing}"]`)
    await row.getByTestId('portfolio-row-link').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(`${server.url}/b/${a.id}?canvas=${pricing}`, eventually)
    // The board opens with the project in view.
    await expect
      .poll(
        () =>
          page.evaluate((id) => {
            const editor = window.editor
            const bounds = editor?.getShapePageBounds(`shape:canvas-${id}` as TLShapeId)
            return bounds ? editor!.getViewportPageBounds().contains(bounds) : false
          }, pricing),
        eventually,
      )
      .toBe(true)
  })
})
