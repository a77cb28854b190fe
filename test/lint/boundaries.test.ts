import { ESLint } from 'eslint'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCycles } from '../../scripts/checkCycles'

const root = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** The rule ids (and messages) ESLint reports for `code` as if it were the file at `path`. */
async function lint(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) })
  return (result?.messages ?? []).map((m) => ({
    rule: m.ruleId,
    severity: m.severity,
    message: m.message,
  }))
}

const Boundary = '@typescript-eslint/no-restricted-imports'

async function expectRefused(path: string, code: string, message: RegExp) {
  const found = await lint(path, code)
  expect(found).toContainEqual({
    rule: Boundary,
    severity: 2,
    message: expect.stringMatching(message),
  })
}

async function expectAllowed(path: string, code: string) {
  expect((await lint(path, code)).filter((m) => m.rule === Boundary)).toEqual([])
}

describe('when a file crosses a layer boundary', () => {
  it('refuses shared/ importing client/ or server/, at any depth', async () => {
    await expectRefused(
      'shared/doc/example.ts',
      "import { BoardSync } from '../../client/sync/BoardSync'\nexport const x = BoardSync\n",
      /shared\/ is the contract/,
    )
    await expectRefused(
      'shared/canvases/lean/example.ts',
      "export { createServer } from '../../../server/createServer.js'\n",
      /shared\/ is the contract/,
    )
    await expectRefused(
      'shared/example.ts',
      "import type { Room } from '../server/sync/Room.js'\nexport type R = Room\n",
      /shared\/ is the contract/,
    )
  })

  it('refuses shared/ importing React or tldraw, and lets it use @tldraw/tlschema', async () => {
    await expectRefused(
      'shared/doc/example.ts',
      "import { useState } from 'react'\nuseState()\n",
      /no views/,
    )
    await expectRefused(
      'shared/doc/example.ts',
      "import { Tldraw } from 'tldraw'\nexport const t = Tldraw\n",
      /no views/,
    )
    await expectAllowed(
      'shared/doc/example.ts',
      "import { createTLSchema } from '@tldraw/tlschema'\nexport const s = createTLSchema()\n",
    )
  })

  it('refuses client/ importing server code, and allows its types', async () => {
    await expectRefused(
      'client/board/example.ts',
      "import { createServer } from '../../server/createServer'\nexport const c = createServer\n",
      /only as types/,
    )
    await expectAllowed(
      'client/board/example.ts',
      "import type { Room } from '../../server/sync/Room'\nexport type R = Room\n",
    )
    await expectAllowed(
      'client/shapes/canvas/example.ts',
      "import { type Room } from '../../../server/sync/Room'\nexport type R = Room\n",
    )
  })

  it('refuses server/ importing client/', async () => {
    await expectRefused(
      'server/routes/example.ts',
      "import { BoardSync } from '../../client/sync/BoardSync'\nexport const b = BoardSync\n",
      /server\/ never imports client\//,
    )
  })

  it('refuses canvas views importing the workshop, and still refuses their server imports', async () => {
    await expectRefused(
      'client/shapes/canvas/example.ts',
      "import { ItemVote } from '../../workshop/voting/ItemVote'\nexport const v = ItemVote\n",
      /CanvasWorkshop/,
    )
    await expectRefused(
      'client/shapes/hypothesis/tracking/example.ts',
      "import { isShapeLocked } from '../../../workshop/workshopScopes'\nexport const l = isShapeLocked\n",
      /CanvasWorkshop/,
    )
    await expectRefused(
      'client/shapes/example.ts',
      "import { createServer } from '../../server/createServer'\nexport const c = createServer\n",
      /only as types/,
    )
    await expectAllowed(
      'client/shapes/canvas/example.ts',
      "import { useCanvasWorkshop } from './CanvasWorkshop'\nimport { Scope } from '../../../shared/workshop/voting'\nexport const w = [useCanvasWorkshop, Scope]\n",
    )
  })

  it('keeps client/sync/ free of React and views', async () => {
    await expectRefused(
      'client/sync/example.ts',
      "import { boardShapeUtils } from '../shapes/boardShapeUtils'\nexport const u = boardShapeUtils\n",
      /React-free/,
    )
    await expectRefused(
      'client/sync/example.ts',
      "import { useEffect } from 'react'\nexport const e = useEffect\n",
      /React-free/,
    )
    await expectAllowed(
      'client/sync/example.ts',
      "import { apiFetch } from '../api/client'\nimport { getTldrawRecords } from '../../shared/doc/layout'\nimport { seedBoard } from './seedBoard'\nexport const a = [apiFetch, getTldrawRecords, seedBoard]\n",
    )
  })
})

describe("when a component breaks React's rules of hooks", () => {
  it('fails on a hook called conditionally', async () => {
    const found = await lint(
      'client/board/Example.tsx',
      "import { useState } from 'react'\nexport function Example({ on }: { on: boolean }) {\n  if (on) useState(0)\n  return null\n}\n",
    )
    expect(found).toContainEqual(
      expect.objectContaining({ rule: 'react-hooks/rules-of-hooks', severity: 2 }),
    )
  })

  it('fails on an effect that leaves out what it reads', async () => {
    const found = await lint(
      'client/board/Example.tsx',
      "import { useEffect } from 'react'\nexport function Example({ id }: { id: string }) {\n  useEffect(() => console.log(id), [])\n  return null\n}\n",
    )
    expect(found).toContainEqual(
      expect.objectContaining({ rule: 'react-hooks/exhaustive-deps', severity: 2 }),
    )
  })

  it('fails on a disable comment that silences nothing', async () => {
    const found = await lint(
      'client/board/example.ts',
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const n: number = 1\n',
    )
    expect(found).toContainEqual(
      expect.objectContaining({
        severity: 2,
        message: expect.stringMatching(/Unused eslint-disable/),
      }),
    )
  })
})

describe('when modules import each other in a circle', () => {
  let dir: string
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'discovery-board-cycles-'))
    write(
      'tsconfig.json',
      '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }',
    )
    write('package.json', '{ "type": "module" }')
    // The shape of the cycle this check was added for: the sync reaches the views, which name
    // the sync's type.
    write(
      'client/sync/Sync.ts',
      "import { views } from '../shapes/views.js'\nexport class Sync { views = views }\n",
    )
    write(
      'client/shapes/views.ts',
      "import { vote } from '../workshop/vote.js'\nexport const views = [vote]\n",
    )
    write(
      'client/workshop/vote.ts',
      "import type { Sync } from '../sync/Sync.js'\nexport const vote = (s: Sync) => s\n",
    )
    write('shared/a.ts', 'export const a = 1\n')
    write('shared/b.ts', "import { a } from './a.js'\nexport const b = a\n")
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds a cycle that closes through a type import, naming its files', async () => {
    const cycles = await findCycles(dir, ['client/**/*.ts', 'shared/**/*.ts'])
    expect(cycles).toHaveLength(1)
    expect([...(cycles[0] ?? [])].sort()).toEqual([
      'client/shapes/views.ts',
      'client/sync/Sync.ts',
      'client/workshop/vote.ts',
    ])
  })

  it('finds none where imports only go one way', async () => {
    expect(await findCycles(dir, ['shared/**/*.ts'])).toEqual([])
  })
})
