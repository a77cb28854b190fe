import { request } from 'node:http'
import type { MetricInput } from '../../shared/api/canvases.js'

export interface ApiResult {
  status: number
  json: any
  text: string
  type: string | null
}

/** A small fetch wrapper for tests: JSON in, status and parsed JSON out. */
export function apiClient(baseUrl: string) {
  const call = async (
    path: string,
    init: { method?: string; body?: unknown; type?: string; token?: string } = {},
  ): Promise<ApiResult> => {
    const headers: Record<string, string> = {}
    if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json'
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
    const res = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body:
        init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : JSON.stringify(init.body),
    })
    const text = await res.text()
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, json, text, type: res.headers.get('content-type') }
  }
  return call
}

export type Api = ReturnType<typeof apiClient>

/** Success criterion `conversion` (4 → 5, up) and guardrail `latency` (200 ms, ±20, down). */
export const checkoutMetrics: MetricInput[] = [
  {
    key: 'conversion',
    name: 'Checkout conversion',
    kind: 'success',
    unit: '%',
    direction: 'increase',
    baseline: { value: 4 },
    target: { value: 5 },
  },
  {
    key: 'latency',
    name: 'p95 latency',
    kind: 'guardrail',
    unit: 'ms',
    direction: 'decrease',
    baseline: { value: 200 },
    tolerance: 20,
  },
]

/** Creates a hypothesis canvas with the checkout metrics; returns its id. */
export async function createHypothesis(
  api: Api,
  boardId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const res = await api(`/api/boards/${boardId}/canvases`, {
    body: {
      kind: 'hypothesis',
      title: 'One-page checkout',
      belief: 'a one-page checkout',
      expectedResult: 'more completed orders',
      successSignal: 'conversion reaches 5 %',
      boxes: { problem: ['Checkout drops buyers'], customers: ['First-time buyers'] },
      metrics: checkoutMetrics,
      ...over,
    },
  })
  if (res.status !== 201) throw new Error(`create hypothesis failed: ${res.status} ${res.text}`)
  return res.json.id
}

/** Creates an ingestion token for a board, as its owner; returns the secret. */
export async function createToken(
  api: Api,
  board: { id: string; ownerKey: string },
  name = 'pipeline',
) {
  const res = await api(`/api/boards/${board.id}/tokens`, {
    body: { name },
    token: board.ownerKey,
  })
  if (res.status !== 201) throw new Error(`create token failed: ${res.status} ${res.text}`)
  return res.json as { id: string; name: string; token: string }
}

/** Moves a hypothesis to a status through PATCH. */
export const setStatus = (api: Api, boardId: string, id: string, status: string) =>
  api(`/api/boards/${boardId}/canvases/${id}`, { method: 'PATCH', body: { status } })

/** Posts measurements with a token. */
export const postMeasurements = (
  api: Api,
  boardId: string,
  id: string,
  token: string,
  body: unknown,
  type?: string,
) => api(`/api/boards/${boardId}/hypotheses/${id}/measurements`, { body, token, type })

/**
 * POSTs on a connection of its own (node:http, no keep-alive pool). A server may answer a large
 * body (401, 413) without reading it and close the connection; a pooled fetch would then
 * reuse a dead socket for the next test.
 */
export function postOnOwnConnection(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
    })
    // The server may stop reading once it has answered; that is not a failure here.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
    })
    req.end(body)
  })
}
