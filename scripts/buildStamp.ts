import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * "Build only when something changed": a build's inputs (source folders, config files and the
 * environment variables it reads) are hashed, and the hash is written into the output folder
 * once the build succeeds. The next start compares hashes instead of timestamps, so a checkout,
 * a revert or a changed licence key is noticed, and a clean checkout builds once.
 */

export interface BuildInputs {
  /** Folders and files, relative to `root`; folders are read recursively. */
  paths: readonly string[]
  /** Files that do not change the build's output (tests), by name. */
  ignore?: (relativePath: string) => boolean
  /** Environment values the build bakes in (VITE_* for the client). */
  env?: Record<string, string | undefined>
}

/** The file the hash of the last successful build is kept in, inside its output folder. */
export const StampFileName = '.build-stamp'

/** Every file under `paths`, relative to `root` with forward slashes, sorted. */
export function listInputFiles(root: string, inputs: BuildInputs): string[] {
  const files: string[] = []
  const visit = (abs: string) => {
    if (!existsSync(abs)) return
    if (statSync(abs).isDirectory()) {
      for (const entry of readdirSync(abs)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue
        visit(join(abs, entry))
      }
      return
    }
    const rel = relative(root, abs).split(sep).join('/')
    if (!inputs.ignore?.(rel)) files.push(rel)
  }
  for (const path of inputs.paths) visit(join(root, path))
  return [...new Set(files)].sort()
}

/** A hash of the inputs' names, contents and environment values. */
export function hashInputs(root: string, inputs: BuildInputs): string {
  const hash = createHash('sha256')
  for (const file of listInputFiles(root, inputs)) {
    hash.update(`file\0${file}\0`)
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  for (const [name, value] of Object.entries(inputs.env ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (value !== undefined) hash.update(`env\0${name}\0${value}\0`)
  }
  return hash.digest('hex')
}

export type BuildDecision =
  { build: false } | { build: true; reason: 'output missing' | 'never built' | 'sources changed' }

/**
 * Whether a build is due: its output (`outDir`, with `entry` in it) is missing, it has no stamp,
 * or the stamp differs from `hash`.
 */
export function decideBuild(outDir: string, entry: string, hash: string): BuildDecision {
  if (!existsSync(join(outDir, entry))) return { build: true, reason: 'output missing' }
  const stampPath = join(outDir, StampFileName)
  if (!existsSync(stampPath)) return { build: true, reason: 'never built' }
  if (readFileSync(stampPath, 'utf8').trim() !== hash) {
    return { build: true, reason: 'sources changed' }
  }
  return { build: false }
}

/** Records that `outDir` was built from inputs with this hash. */
export function writeStamp(outDir: string, hash: string): void {
  writeFileSync(join(outDir, StampFileName), `${hash}\n`)
}

/** The VITE_* variables of an environment: the client build bakes them in. */
export function viteEnv(env: Record<string, string | undefined>): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('VITE_') && value !== undefined) picked[name] = value
  }
  return picked
}
