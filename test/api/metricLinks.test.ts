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

/** A board with a hypothesis measuring conversion and a Lean Canvas with one key metric. */
async function boardWithCanvases() {
  const boardId = await createBoard(server.url)
  const hypothesis = await api(`/api/boards/${boardId}/canvases`, 'POST', {
    kind: 'hypothesis',
    title: 'Checkout',
    metrics: [
      {
        key: 'conversion',
        kind: 'success',
        unit: '%',
        baseline: { value: 4 },
        target: { value: 5 },
      },
    ],
  })
  const lean = await api(`/api/boards/${boardId}/canvases`, 'POST', {
    kind: 'lean',
    title: 'Shop',
    boxes: { keyMetrics: ['Conversion'], problem: ['Slow checkout'] },
  })
  return { boardId, hypothesisId: hypothesis.json.id as string, lean: lean.json }
}

describe('linking a canvas item to a hypothesis metric through the API', () => {
  it('links a Lean key metric, keeps the link when only the text changes, and unlinks with null', async () => {
    const { boardId, hypothesisId, lean } = await boardWithCanvases()
    const url = `/api/boards/${boardId}/canvases/${lean.id}`
    const [item] = lean.boxes.keyMetrics
    const metric = { canvasId: hypothesisId, metricKey: 'conversion' }
    const linked = await api(url, 'PATCH', { boxes: { keyMetrics: [{ id: item.id, metric }] } })
    expect(linked.status).toBe(200)
    expect(linked.json.boxes.keyMetrics).toEqual([{ id: item.id, text: 'Conversion', metric }])

    const renamed = await api(url, 'PATCH', {
      boxes: { keyMetrics: [{ id: item.id, text: 'Checkout conversion' }] },
    })
    expect(renamed.json.boxes.keyMetrics[0].metric).toEqual(metric)

    const unlinked = await api(url, 'PATCH', {
      boxes: { keyMetrics: [{ id: item.id, metric: null }] },
    })
    expect(unlinked.json.boxes.keyMetrics).toEqual([{ id: item.id, text: 'Checkout conversion' }])
  })

  it.each([
    [
      'a canvas not on this board',
      (_h: string) => ({ canvasId: 'elsewhere1', metricKey: 'conversion' }),
      /not on this board/,
    ],
    [
      'a metric the hypothesis does not have',
      (h: string) => ({ canvasId: h, metricKey: 'revenue' }),
      /metric "revenue", which canvas .* does not have/,
    ],
    ['a malformed link', (h: string) => ({ canvasId: h }), /boxes\.keyMetrics\.0/],
  ])('refuses a link to %s with a 400 and changes nothing', async (_n, link, message) => {
    const { boardId, hypothesisId, lean } = await boardWithCanvases()
    const url = `/api/boards/${boardId}/canvases/${lean.id}`
    const [item] = lean.boxes.keyMetrics
    const res = await api(url, 'PATCH', {
      boxes: { keyMetrics: [{ id: item.id, metric: link(hypothesisId) }] },
    })
    expect(res.status).toBe(400)
    expect(res.json.error.code).toBe('invalid_body')
    expect(res.json.error.message).toMatch(message)
    expect((await api(url)).json.boxes.keyMetrics).toEqual(lean.boxes.keyMetrics)
  })

  it('refuses a link on a box that takes none', async () => {
    const { boardId, hypothesisId, lean } = await boardWithCanvases()
    const [item] = lean.boxes.problem
    const res = await api(`/api/boards/${boardId}/canvases/${lean.id}`, 'PATCH', {
      boxes: {
        problem: [{ id: item.id, metric: { canvasId: hypothesisId, metricKey: 'conversion' } }],
      },
    })
    expect(res.status).toBe(400)
    expect(res.json.error.message).toBe('box "problem" of a lean canvas takes no metric links')
  })

  it('links an ML monitoring item too', async () => {
    const { boardId, hypothesisId } = await boardWithCanvases()
    const ml = await api(`/api/boards/${boardId}/canvases`, 'POST', {
      kind: 'ml',
      boxes: { monitoring: ['Conversion of recommended items'] },
    })
    const [item] = ml.json.boxes.monitoring
    const metric = { canvasId: hypothesisId, metricKey: 'conversion' }
    const res = await api(`/api/boards/${boardId}/canvases/${ml.json.id}`, 'PATCH', {
      boxes: { monitoring: [{ id: item.id, metric }] },
    })
    expect(res.status).toBe(200)
    expect(res.json.boxes.monitoring[0].metric).toEqual(metric)
  })

  it('keeps links through export and import, following a hypothesis that gets a new id', async () => {
    const { boardId, hypothesisId, lean } = await boardWithCanvases()
    const [item] = lean.boxes.keyMetrics
    const metric = { canvasId: hypothesisId, metricKey: 'conversion' }
    await api(`/api/boards/${boardId}/canvases/${lean.id}`, 'PATCH', {
      boxes: { keyMetrics: [{ id: item.id, metric }] },
    })
    const md = await api(`/api/boards/${boardId}/export.md`)
    expect(md.text).toContain(`canvas="${hypothesisId}" metric="conversion" -->`)

    // Onto another board the ids are kept, and so is the link.
    const other = await createBoard(server.url)
    expect(
      (await api(`/api/boards/${other}/import`, 'POST', md.text, 'text/markdown')).status,
    ).toBe(201)
    const copied = await api(`/api/boards/${other}/canvases/${lean.id}`)
    expect(copied.json.boxes.keyMetrics[0].metric).toEqual(metric)

    // Onto the same board both canvases get new ids: the link follows the new hypothesis.
    const again = await api(`/api/boards/${boardId}/import`, 'POST', md.text, 'text/markdown')
    expect(again.status).toBe(201)
    const all = (await api(`/api/boards/${boardId}/canvases`)).json.canvases as any[]
    const newHypothesis = all.find((c) => c.kind === 'hypothesis' && c.id !== hypothesisId)
    const newLean = all.find((c) => c.kind === 'lean' && c.id !== lean.id)
    expect(again.json.ids).toEqual(expect.arrayContaining([newHypothesis.id, newLean.id]))
    expect(newLean.boxes.keyMetrics[0].metric).toEqual({
      canvasId: newHypothesis.id,
      metricKey: 'conversion',
    })
  })

  it('refuses an import with a link on a box that takes none, naming the line', async () => {
    const { boardId, hypothesisId, lean } = await boardWithCanvases()
    const md = await api(`/api/boards/${boardId}/canvases/${lean.id}/export.md`)
    const lines = md.text.split('\n')
    const at = lines.findIndex((l) => l.startsWith('- Slow checkout'))
    lines[at] = lines[at]!.replace(' -->', ` canvas="${hypothesisId}" metric="conversion" -->`)
    const target = await createBoard(server.url)
    const res = await api(`/api/boards/${target}/import`, 'POST', lines.join('\n'), 'text/markdown')
    expect(res.status).toBe(400)
    expect(res.json.error.message).toMatch(
      new RegExp(
        `^line ${at + 1}: found a metric link on an item of lean problem, expected links only in .*lean keyMetrics`,
      ),
    )
  })
})
