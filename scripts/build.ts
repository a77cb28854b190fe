import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import {
  decideBuild,
  hashInputs,
  viteEnv,
  writeStamp,
  type BuildDecision,
  type BuildInputs,
} from './buildStamp.js'

/**
 * `npm run build` (and the first step of `npm start`): builds the client with Vite into
 * dist/client and compiles the server to JavaScript in dist/server, each only when its inputs
 * changed since its last build. `--force` builds both anyway; `client` or `server` picks one.
 */

const root = resolve(import.meta.dirname, '..')
const require = createRequire(import.meta.url)
const isTest = (path: string) => /\.test\.tsx?$/.test(path)

interface Target {
  name: 'client' | 'server'
  inputs: BuildInputs
  outDir: string
  /** A file every complete build has; without it the output is treated as missing. */
  entry: string
  build(): void
}

/** Runs a tool's JavaScript entry with this node; a failure ends the build. */
function runNode(script: string, args: string[], outDir?: string) {
  // A production build whatever the caller runs in: Vite would bundle React's development
  // build under NODE_ENV=test (a test that builds) or development.
  const env = { ...process.env, NODE_ENV: 'production' }
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  if (result.status !== 0) {
    if (outDir) rmSync(outDir, { recursive: true, force: true })
    throw new Error(`${script} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
  }
}

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

export const ServerOutDir = join(root, 'dist', 'server')
/** The compiled entry point; `rootDir` is the repository, so server/ and shared/ keep their layout. */
export const ServerEntry = join(ServerOutDir, 'server', 'main.js')

const targets: Target[] = [
  {
    name: 'client',
    inputs: {
      paths: ['client', 'shared', 'vite.config.ts', 'tsconfig.base.json', 'package-lock.json'],
      ignore: isTest,
      env: viteEnv(process.env),
    },
    outDir: join(root, 'dist', 'client'),
    entry: 'index.html',
    build: () => runNode(join(packageDir('vite'), 'bin', 'vite.js'), ['build']),
  },
  {
    name: 'server',
    inputs: {
      paths: [
        'server',
        'shared',
        'tsconfig.base.json',
        'scripts/bundleServer.ts',
        'package-lock.json',
      ],
      ignore: isTest,
    },
    outDir: ServerOutDir,
    entry: join('server', 'main.js'),
    build: () => {
      // The output goes to a fresh folder first, so a failed build leaves the last one.
      const next = `${ServerOutDir}.next`
      rmSync(next, { recursive: true, force: true })
      runNode(join(packageDir('tsx'), 'dist', 'cli.mjs'), ['scripts/bundleServer.ts', next], next)
      rmSync(ServerOutDir, { recursive: true, force: true })
      renameSync(next, ServerOutDir)
    },
  },
]

/** Builds what is out of date; returns what was built and why. */
export function buildChanged(
  options: { force?: boolean; only?: Target['name']; log?: (line: string) => void } = {},
): { name: Target['name']; decision: BuildDecision }[] {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const done: { name: Target['name']; decision: BuildDecision }[] = []
  for (const target of targets) {
    if (options.only && options.only !== target.name) continue
    const hash = hashInputs(root, target.inputs)
    const decision: BuildDecision = options.force
      ? { build: true, reason: 'sources changed' }
      : decideBuild(target.outDir, target.entry, hash)
    done.push({ name: target.name, decision })
    if (!decision.build) {
      log(`${target.name}: up to date`)
      continue
    }
    log(`${target.name}: building (${options.force ? 'forced' : decision.reason})`)
    const started = performance.now()
    target.build()
    if (!existsSync(join(target.outDir, target.entry))) {
      throw new Error(`${target.name} build produced no ${target.entry}`)
    }
    mkdirSync(target.outDir, { recursive: true })
    writeStamp(target.outDir, hash)
    log(`${target.name}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return done
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2)
  const only = args.find((a): a is Target['name'] => a === 'client' || a === 'server')
  try {
    buildChanged({ force: args.includes('--force'), ...(only ? { only } : {}) })
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
