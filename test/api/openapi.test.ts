import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineWebSocketHelper } from 'hono/ws'
import type { WebSocket } from 'ws'
import { createApp } from '../../server/app.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.cleanup())

describe('the OpenAPI document', () => {
  it('describes every REST route the app serves, with its method', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    // The same app the server runs; the WebSocket helper is never called here.
    const app = createApp(
      server.server.context,
      defineWebSocketHelper<WebSocket>(() => undefined),
    )
    const routes = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
      .filter((r) => r.path !== '/api/openapi.json')
      .map((r) => ({
        method: r.method.toLowerCase(),
        path: r.path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/$/, ''),
      }))
    expect(routes.length).toBeGreaterThan(20)
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method])
    expect(missing).toEqual([])
  })

  it('declares the ingestion token as a bearer scheme on the measurements endpoint', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json()
    expect(doc.components.securitySchemes.ingestionToken).toMatchObject({ scheme: 'bearer' })
    const post = doc.paths['/api/boards/{boardId}/hypotheses/{hypothesisId}/measurements'].post
    expect(post.security).toEqual([{ ingestionToken: [] }])
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json', 'text/csv'])
    expect(Object.keys(post.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '413', '415'].sort(),
    )
  })
})
