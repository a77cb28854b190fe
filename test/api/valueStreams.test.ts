import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBoard } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

const api = async (path: string, method = 'GET', body?: unknown, type = 'application/json') => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': type },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

const h = (hours: number) => hours * 60
const steps = [
  { name: 'Build', processMinutes: h(2), leadMinutes: h(8), completeAccuratePct: 90 },
  { name: 'Review', processMinutes: h(1), leadMinutes: h(24), completeAccuratePct: 80 },
  {
    name: 'Security scan',
    processMinutes: h(4),
    leadMinutes: h(40),
    completeAccuratePct: 95,
    parallel: true,
  },
]

async function createMap(boardId: string, extra: Record<string, unknown> = {}) {
  return api(`/api/boards/${boardId}/canvases`, 'POST', { kind: 'vsm', current: steps, ...extra })
}

describe('value-stream maps through the API', () => {
  it('takes parallel steps and answers figures along the critical path', async () => {
    const boardId = await createBoard(server.url)
    const res = await createMap(boardId)
    expect(res.status).toBe(201)
    expect(res.json.current.map((s: { parallel?: boolean }) => s.parallel ?? false)).toEqual([
      false,
      false,
      true,
    ])
    expect(res.json.figures.current).toMatchObject({
      totalLeadMinutes: h(8 + 40),
      totalProcessMinutes: h(2 + 4),
      stepGroup: [0, 1, 1],
      onCriticalPath: [true, false, true],
    })
    expect(res.json.figures.current.rolledCompleteAccurate).toBeCloseTo(0.9 * 0.95)
  })

  it('keeps a display unit, changes it and clears it with null', async () => {
    const boardId = await createBoard(server.url)
    const created = await createMap(boardId, { displayUnit: 'days' })
    expect(created.json.displayUnit).toBe('days')
    const url = `/api/boards/${boardId}/canvases/${created.json.id}`
    const changed = await api(url, 'PATCH', { displayUnit: 'weeks' })
    expect(changed.status).toBe(200)
    expect(changed.json.displayUnit).toBe('weeks')
    // A PATCH that does not name it leaves it as it is.
    expect((await api(url, 'PATCH', { title: 'Release' })).json.displayUnit).toBe('weeks')
    const cleared = await api(url, 'PATCH', { displayUnit: null })
    expect(cleared.status).toBe(200)
    expect(cleared.json).not.toHaveProperty('displayUnit')
    // Durations stay in minutes whatever the unit.
    expect(cleared.json.current[0].leadMinutes).toBe(h(8))
  })

  it.each([
    ['an unknown display unit', { displayUnit: 'fortnights' }, /displayUnit/],
    [
      'parallel that is not true or false',
      { current: [{ ...steps[0], parallel: 'yes' }] },
      /parallel/,
    ],
    [
      'a %C&A over 100',
      { current: [{ ...steps[0], completeAccuratePct: 120 }] },
      /completeAccuratePct/,
    ],
  ])('refuses %s with a 400 naming the member, and changes nothing', async (_n, body, message) => {
    const boardId = await createBoard(server.url)
    const created = await createMap(boardId)
    const url = `/api/boards/${boardId}/canvases/${created.json.id}`
    const res = await api(url, 'PATCH', body)
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('invalid_body')
    expect(res.json.error.message).toMatch(message)
    const after = await api(url)
    expect(after.json.current).toEqual(created.json.current)
    expect(after.json).not.toHaveProperty('displayUnit')
  })

  it('refuses a display unit on another kind of canvas', async () => {
    const boardId = await createBoard(server.url)
    const lean = await api(`/api/boards/${boardId}/canvases`, 'POST', { kind: 'lean' })
    const res = await api(`/api/boards/${boardId}/canvases/${lean.json.id}`, 'PATCH', {
      displayUnit: 'hours',
    })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe('only a value-stream map has a display unit')
  })

  it('exports parallel steps and the display unit, and an import gives them back', async () => {
    const boardId = await createBoard(server.url)
    const created = await createMap(boardId, { displayUnit: 'hours' })
    const md = await api(`/api/boards/${boardId}/canvases/${created.json.id}/export.md`)
    expect(md.text).toContain('Durations are shown in hours.')
    const target = await createBoard(server.url)
    const imported = await api(`/api/boards/${target}/import`, 'POST', md.text, 'text/markdown')
    expect(imported.status).toBe(201)
    const back = await api(`/api/boards/${target}/canvases/${created.json.id}`)
    expect(back.json.current).toEqual(created.json.current)
    expect(back.json.displayUnit).toBe('hours')
    expect(back.json.figures).toEqual(created.json.figures)
  })

  it('refuses an import whose step row is short, naming the line and both cell counts', async () => {
    const boardId = await createBoard(server.url)
    const created = await createMap(boardId)
    const md = await api(`/api/boards/${boardId}/canvases/${created.json.id}/export.md`)
    const lines = md.text.split('\n')
    const at = lines.findIndex((l) => l.includes('<!-- step id='))
    lines[at] = '| 1 | Build |'
    const target = await createBoard(server.url)
    const res = await api(`/api/boards/${target}/import`, 'POST', lines.join('\n'), 'text/markdown')
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe(`line ${at + 1}: a step row needs 10 cells, found 2.`)
    expect(res.json.error.details).toEqual({ line: at + 1 })
    expect((await api(`/api/boards/${target}/canvases`)).json.canvases).toEqual([])
  })
})
