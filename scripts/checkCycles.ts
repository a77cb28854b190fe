import { parseCircular, parseDependencyTree } from 'dpdm'
import { relative, resolve } from 'node:path'

/**
 * `npm run cycles`: fails when the app's modules import each other in a circle. Type imports
 * count: a cycle of types ties modules together as tightly, and the big one this check was
 * written for (the sync class, the canvas views and the workshop) closed through one.
 *
 * dpdm rather than madge: it reads imports with the TypeScript compiler and resolves them the
 * way tsc does (project references, `.js` specifiers of `.ts` files), with fewer dependencies.
 * Its `--transform` mode, which drops type imports, missed runtime cycles here: not used.
 */

/** The app's source: every layer, with the tests that sit beside it. */
export const AppSources = ['client/**/*.{ts,tsx}', 'server/**/*.ts', 'shared/**/*.ts']

/** The import cycles among the files `globs` match under `root`, each as a list of its files. */
export async function findCycles(root: string, globs: readonly string[]): Promise<string[][]> {
  const tree = await parseDependencyTree([...globs], {
    cwd: root,
    context: root,
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  })
  return parseCircular(tree).map((cycle) =>
    cycle.map((file) => relative(root, resolve(root, file))),
  )
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const cycles = await findCycles(root, AppSources)
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}:`)
    for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(' -> ')}`)
    process.exit(1)
  }
  console.log('No import cycles in client/, server/ or shared/.')
}
