import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageBudgetGzipBytes } from '../../bench/bundles.js'
import { buildChanged } from '../../scripts/build.js'
import { measurePages } from '../../scripts/pageBundles.js'
import { makeDataDir, startServerProcess, type ServerProcess } from '../helpers/server.js'

/**
 * What `npm start` runs: the client and the server built (here only if their sources changed
 * since `npm test` built them), and the compiled server started with plain node.
 */

const root = resolve(import.meta.dirname, '../..')
const clientDir = join(root, 'dist', 'client')

beforeAll(() => {
  buildChanged({ log: () => {} })
}, 120_000)

describe('when the compiled server is started as npm start runs it', () => {
  let server: ServerProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = makeDataDir()
    server = await startServerProcess(dataDir, { LOG_LEVEL: 'warn' }, { compiled: true })
  })
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await server?.exited
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers health and serves the built client on the port and data dir it is given', async () => {
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })

    const page = await fetch(`${server.url}/b/some-board`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<div id="root">')
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    expect((await fetch(`${server.url}${script}`)).status).toBe(200)

    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'compiled' }),
    })
    expect(created.status).toBe(201)
    expect(readdirSync(dataDir)).toContain('discovery-board.sqlite')
  })

  it('keeps the build files out of the site', async () => {
    expect((await fetch(`${server.url}/.vite/manifest.json`)).status).toBe(404)
    expect((await fetch(`${server.url}/.build-stamp`)).status).toBe(404)
  })

  it('runs as JavaScript: no TypeScript loader or compiler in the process', () => {
    const pid = server.child.pid!
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    expect(cmdline.some((arg) => arg.endsWith(join('dist', 'server', 'server', 'main.js')))).toBe(
      true,
    )
    expect(cmdline.join(' ')).not.toMatch(/tsx|esbuild|typescript/)
    expect(readFileSync(`/proc/${pid}/maps`, 'utf8')).not.toMatch(/esbuild|tsx/)
    // tsx compiles through an esbuild service process; the server must have none. (Its only
    // child is the start-up integrity check, a plain node process that ends on its own.)
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)
    for (const child of children.filter(Boolean)) {
      let command: string
      try {
        command = readFileSync(`/proc/${child}/cmdline`, 'utf8')
      } catch {
        continue // it ended meanwhile
      }
      expect(command).not.toMatch(/esbuild|tsx/)
    }
  })
})

describe('the built client', () => {
  const pages = () => new Map(measurePages(clientDir).map((page) => [page.name, page]))

  it('loads the board list and the tracker without the board editor', () => {
    for (const name of ['board list (/)', 'tracker (/hypotheses)']) {
      const page = pages().get(name)!
      expect(page.gzipBytes).toBeLessThanOrEqual(PageBudgetGzipBytes)
      for (const file of page.files) {
        expect(readFileSync(join(clientDir, file), 'utf8')).not.toContain('tldraw')
      }
    }
  })

  it('loads the editor with the board route, on demand', () => {
    const list = pages().get('board list (/)')!
    const board = pages().get('board (/b/:boardId)')!
    expect(board.files.length).toBeGreaterThan(list.files.length)
    expect(board.gzipBytes).toBeGreaterThan(list.gzipBytes + 300_000)
  })
})
