import { readFileSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CanvasKinds } from './registry.js'

const root = join(import.meta.dirname, '..', '..')
const layers = ['shared', 'server', 'client']
/** The folders of a kind, where its name may appear: shared/canvases/<kind>/, client/shapes/<kind>/. */
const kindFolders = CanvasKinds.flatMap((kind) => [
  ['shared', 'canvases', kind].join(sep) + sep,
  ['client', 'shapes', kind].join(sep) + sep,
])

/**
 * Lines that may name a kind outside its folders, by file and the exact text on that line.
 * Each says why; a new entry needs as good a reason.
 */
const allowed: { file: string; text: string; why: string }[] = [
  {
    file: ['client', 'tracker', 'TrackerPage.tsx'].join(sep),
    text: "n === 1 ? 'hypothesis' : 'hypotheses'",
    why: 'English words for a count of rows, not the kind',
  },
  {
    file: ['client', 'portfolio', 'PortfolioPage.tsx'].join(sep),
    text: "n === 1 ? 'project' : 'projects'",
    why: 'English words for a count of rows, not the kind',
  },
]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** Every quoted kind name (`'vsm'`, "lean", `ml`) outside the kinds' folders. */
function kindLiterals(): string[] {
  const literal = new RegExp(`(['"\`])(${CanvasKinds.join('|')})\\1`)
  const found: string[] = []
  for (const path of layers.flatMap((layer) => sourceFiles(join(root, layer)))) {
    const file = relative(root, path)
    if (kindFolders.some((folder) => file.startsWith(folder))) continue
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!literal.test(line)) return
        if (allowed.some((a) => a.file === file && line.includes(a.text))) return
        found.push(`${file}:${i + 1}: ${line.trim()}`)
      })
  }
  return found
}

describe('the canvas kinds', () => {
  it('are named only in their own folders: generic code asks the spec', () => {
    expect(kindLiterals()).toEqual([])
  })

  it('have a folder in each layer, the same name in each', () => {
    for (const kind of CanvasKinds) {
      for (const layer of [join('shared', 'canvases'), join('client', 'shapes')]) {
        const names = readdirSync(join(root, layer, kind))
        expect(names.length, `${layer}/${kind}`).toBeGreaterThan(0)
      }
    }
  })
})
