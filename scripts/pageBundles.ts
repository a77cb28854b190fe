import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * What each page of the built client loads: the JavaScript its entry imports statically, plus
 * the chunk its route imports on demand and that chunk's own static imports. Read from Vite's
 * manifest (dist/client/.vite/manifest.json), sized gzipped as a server would send them.
 */

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  isEntry?: boolean
}
type Manifest = Record<string, ManifestChunk>

/** A page: the manifest keys of the chunks it loads before it shows (entry first). */
export interface PageDefinition {
  name: string
  chunks: readonly string[]
}

/** The app's pages. The tracker and the board's editor are lazy chunks loaded by their routes. */
export const AppPages: readonly PageDefinition[] = [
  { name: 'board list (/)', chunks: ['index.html'] },
  { name: 'tracker (/hypotheses)', chunks: ['index.html', 'tracker/TrackerPage.tsx'] },
  { name: 'board (/b/:boardId)', chunks: ['index.html', 'board/BoardPage.tsx'] },
]

export interface PageBundle {
  name: string
  /** The JavaScript files the page loads, relative to the client folder. */
  files: string[]
  bytes: number
  gzipBytes: number
}

export const manifestPath = (clientDir: string) => join(clientDir, '.vite', 'manifest.json')

export function readManifest(clientDir: string): Manifest {
  const path = manifestPath(clientDir)
  if (!existsSync(path)) throw new Error(`${path} is missing; build the client first`)
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest
}

/** The JavaScript files a chunk needs before it runs: itself and its static imports. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>) {
  const chunk = manifest[key]
  if (!chunk) throw new Error(`the client build has no chunk for ${key}`)
  if (into.has(chunk.file)) return
  into.add(chunk.file)
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into)
}

/** Sizes each page's JavaScript, raw and gzipped. */
export function measurePages(
  clientDir: string,
  pages: readonly PageDefinition[] = AppPages,
): PageBundle[] {
  const manifest = readManifest(clientDir)
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>()
  const size = (file: string) => {
    let known = sizes.get(file)
    if (!known) {
      const content = readFileSync(join(clientDir, file))
      known = { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length }
      sizes.set(file, known)
    }
    return known
  }
  return pages.map((page) => {
    const files = new Set<string>()
    for (const key of page.chunks) staticClosure(manifest, key, files)
    const js = [...files].filter((file) => file.endsWith('.js'))
    return {
      name: page.name,
      files: js,
      bytes: js.reduce((sum, file) => sum + size(file).bytes, 0),
      gzipBytes: js.reduce((sum, file) => sum + size(file).gzipBytes, 0),
    }
  })
}
