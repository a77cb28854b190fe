import SwaggerParser from '@apidevtools/swagger-parser'
import { defineWebSocketHelper } from 'hono/ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { createApp } from '../../server/app.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

interface Operation {
  security?: unknown[]
  requestBody?: { content: Record<string, unknown> }
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, { scheme?: string }> }
}

/**
 * What the app registers that is not an API operation, each with the reason. Every other route
 * must be in the document.
 */
const NotOperations: { method: string; path: string; why: string }[] = [
  { method: 'ALL', path: '*', why: 'middleware (limits, access) and the static client' },
  { method: 'GET', path: '/*', why: 'the built client: files, and index.html for its routes' },
]

let server: TestServer
let doc: Document
beforeAll(async () => {
  server = await startTestServer()
  const res = await fetch(`${server.url}/api/openapi.json`)
  expect(res.status).toBe(200)
  doc = (await res.json()) as Document
})
afterAll(() => server.cleanup())

/** Every route the app registers, as `METHOD /path/{param}`, once each. */
function servedRoutes() {
  // The same app the server runs; the WebSocket helper is never called here.
  const app = createApp(
    server.server.context,
    defineWebSocketHelper<WebSocket>(() => undefined),
  )
  const routes = new Set<string>()
  for (const route of app.routes) {
    const skip = NotOperations.some(
      (n) => n.method === route.method && (n.path === '*' || n.path === route.path),
    )
    if (skip) continue
    routes.add(`${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
  }
  return [...routes]
}

const operations = (document = doc) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  )

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0')
    // Throws with every problem it finds; the validator may dereference, so it gets a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it('describes every route the app serves, and nothing it does not serve', () => {
    const served = servedRoutes()
    expect(served.length).toBeGreaterThan(30)
    const described = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`)
    expect(served.filter((route) => !described.includes(route))).toEqual([])
    expect(described.filter((route) => !served.includes(route))).toEqual([])
  })

  it('gives every error answer the app’s error body, and every body its 413', async () => {
    const resolved = (await SwaggerParser.dereference(
      structuredClone(doc) as never,
    )) as unknown as Document
    for (const { path, method, operation } of operations(resolved)) {
      const where = `${method.toUpperCase()} ${path}`
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^4\d\d$/.test(status)) continue
        const schema = response.content?.['application/json']?.schema
        expect(schema, `${where} ${status}`).toMatchObject({
          properties: { error: { required: ['code', 'message'] } },
        })
      }
      if (operation.requestBody) expect(Object.keys(operation.responses), where).toContain('413')
    }
  })

  it('declares the ingestion token as a bearer scheme on the measurements endpoint', () => {
    expect(doc.components.securitySchemes.ingestionToken).toMatchObject({ scheme: 'bearer' })
    const post = doc.paths['/api/boards/{boardId}/hypotheses/{hypothesisId}/measurements']!.post!
    expect(post.security).toEqual([{ ingestionToken: [] }])
    expect(Object.keys(post.requestBody!.content)).toEqual(['application/json', 'text/csv'])
    expect(Object.keys(post.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '410', '413', '415', '423', '503'].sort(),
    )
  })
})

describe('when a request does not match its route’s declaration', () => {
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${path}`, init)
    return { status: res.status, body: (await res.json()) as { error: Record<string, unknown> } }
  }
  const newBoard = async () => {
    const res = await call('/api/boards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Declared' }),
    })
    return res.body as unknown as { id: string }
  }

  it('answers 400 with the app’s error body naming the bad field', async () => {
    const { id } = await newBoard()
    const body = await call(`/api/boards/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '' }),
    })
    expect(body.status).toBe(400)
    expect(body.body.error).toMatchObject({
      code: 'invalid_body',
      message: 'title: title must not be empty',
      details: [{ path: ['title'] }],
    })
    const query = await call('/api/hypotheses?sort=soonest')
    expect(query.status).toBe(400)
    expect(query.body.error).toMatchObject({ code: 'invalid_query' })
    expect(query.body.error.message).toMatch(/^sort: /)
  })

  it('names a missing header in its own words', async () => {
    const { id } = await newBoard()
    const res = await call(`/api/boards/${id}/votes/mine`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'invalid_body',
      message: 'Send your participant secret in the x-participant header',
    })
  })

  it('refuses a JSON body sent as another type with 415 instead of reading it as empty', async () => {
    const { id } = await newBoard()
    const res = await call(`/api/boards/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ title: 'Renamed' }),
    })
    expect(res.status).toBe(415)
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type' })
  })
})
