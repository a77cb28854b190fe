import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let server: TestServer
let embedding: TestServer

beforeAll(async () => {
  ;[server, embedding] = await Promise.all([
    startTestServer(),
    startTestServer({
      env: { EMBED_ORIGINS: 'https://wiki.example.com https://docs.example.org' },
    }),
  ])
})

afterAll(async () => {
  await server?.cleanup()
  await embedding?.cleanup()
})

const directives = (header: string | null) =>
  new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )

describe('when anything is requested', () => {
  it('answers pages, API answers, errors and static files with the security headers', async () => {
    const index = await fetch(`${server.url}/`)
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1]
    expect(script).toBeDefined()
    const responses = await Promise.all(
      [
        '/',
        '/b/any-board',
        '/api/health',
        '/api/boards/NoSuchBoard00000000000/canvases',
        '/api/nothing',
        script!,
      ].map((path) => fetch(`${server.url}${path}`)),
    )
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 404, 200])
    for (const response of responses) {
      const csp = directives(response.headers.get('content-security-policy'))
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('script-src')).toEqual(["'self'"])
      expect(csp.get('connect-src')).toEqual(["'self'", 'data:'])
      expect(csp.get('object-src')).toEqual(["'none'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
    }
  })

  it('lets only the sites the operator names show the app in a frame', async () => {
    const response = await fetch(`${embedding.url}/`)
    const csp = directives(response.headers.get('content-security-policy'))
    expect(csp.get('frame-ancestors')).toEqual([
      'https://wiki.example.com',
      'https://docs.example.org',
    ])
    expect(response.headers.get('x-frame-options')).toBeNull()
  })
})

describe('when the embedding setting is not a list of origins', () => {
  it('stops the server with a message naming the setting', () => {
    for (const value of [
      'wiki.example.com',
      'https://wiki.example.com/page',
      'javascript:alert(1)',
    ]) {
      expect(() => loadConfig({ EMBED_ORIGINS: value })).toThrow(/EMBED_ORIGINS/)
    }
    expect(loadConfig({ EMBED_ORIGINS: '' }).http.embedOrigins).toEqual([])
  })
})
