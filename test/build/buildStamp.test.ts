import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  decideBuild,
  hashInputs,
  listInputFiles,
  viteEnv,
  writeStamp,
  type BuildInputs,
} from '../../scripts/buildStamp.js'

let root: string
const write = (path: string, content: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), content)
}
const inputs: BuildInputs = {
  paths: ['client', 'shared', 'vite.config.ts'],
  ignore: (path) => path.endsWith('.test.ts'),
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'discovery-board-stamp-'))
  write('client/main.tsx', 'render()')
  write('client/app/routes.tsx', 'routes')
  write('shared/api/boards.ts', 'schema')
  write('vite.config.ts', 'config')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('hashing what a build reads', () => {
  it('lists the input files sorted, without tests, dot-files or node_modules', () => {
    write('client/app/routes.test.ts', 'test')
    write('client/.cache/x.js', 'cache')
    write('client/node_modules/dep/index.js', 'dep')
    expect(listInputFiles(root, inputs)).toEqual([
      'client/app/routes.tsx',
      'client/main.tsx',
      'shared/api/boards.ts',
      'vite.config.ts',
    ])
  })

  it('changes when a file changes, is added, is removed or is renamed', () => {
    const first = hashInputs(root, inputs)
    expect(hashInputs(root, inputs)).toBe(first)

    write('shared/api/boards.ts', 'schema v2')
    const edited = hashInputs(root, inputs)
    expect(edited).not.toBe(first)

    write('client/board/BoardPage.tsx', 'page')
    const added = hashInputs(root, inputs)
    expect(added).not.toBe(edited)

    rmSync(join(root, 'client/board/BoardPage.tsx'))
    expect(hashInputs(root, inputs)).toBe(edited)

    rmSync(join(root, 'client/main.tsx'))
    write('client/index.tsx', 'render()')
    expect(hashInputs(root, inputs)).not.toBe(edited)
  })

  it('does not change when only a test changes', () => {
    const before = hashInputs(root, inputs)
    write('client/app/routes.test.ts', 'it()')
    expect(hashInputs(root, inputs)).toBe(before)
  })

  it('changes with the VITE_ variables the client build bakes in, and only with those', () => {
    const env = (vars: Record<string, string>) =>
      hashInputs(root, { ...inputs, env: viteEnv(vars) })
    const none = env({ HOME: '/root' })
    expect(env({ HOME: '/elsewhere', PORT: '1' })).toBe(none)
    expect(env({ VITE_TLDRAW_LICENSE_KEY: 'tldraw-a' })).not.toBe(none)
    expect(env({ VITE_TLDRAW_LICENSE_KEY: 'tldraw-a' })).not.toBe(
      env({ VITE_TLDRAW_LICENSE_KEY: 'tldraw-b' }),
    )
  })
})

describe('deciding whether to build', () => {
  const outDir = () => join(root, 'dist/client')

  it('builds when the output is missing, even with a matching stamp', () => {
    const hash = hashInputs(root, inputs)
    expect(decideBuild(outDir(), 'index.html', hash)).toEqual({
      build: true,
      reason: 'output missing',
    })
    mkdirSync(outDir(), { recursive: true })
    writeStamp(outDir(), hash)
    expect(decideBuild(outDir(), 'index.html', hash).build).toBe(true)
  })

  it('builds output that has no stamp (built some other way)', () => {
    write('dist/client/index.html', '<html>')
    expect(decideBuild(outDir(), 'index.html', hashInputs(root, inputs))).toEqual({
      build: true,
      reason: 'never built',
    })
  })

  it('skips the build while the stamp matches, and builds once a source changes', () => {
    write('dist/client/index.html', '<html>')
    writeStamp(outDir(), hashInputs(root, inputs))
    expect(decideBuild(outDir(), 'index.html', hashInputs(root, inputs))).toEqual({ build: false })

    write('client/app/routes.tsx', 'routes with a new page')
    expect(decideBuild(outDir(), 'index.html', hashInputs(root, inputs))).toEqual({
      build: true,
      reason: 'sources changed',
    })
  })
})
