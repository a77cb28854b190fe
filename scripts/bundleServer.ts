import { build, type Plugin } from 'esbuild'
import { resolve } from 'node:path'

/**
 * Bundles the server and its command-line tools into `outDir` (argument 1): each entry one
 * minified file with everything it imports except the native SQLite driver. One file instead
 * of some 300 modules keeps an idle server several MB smaller; a source map beside each file
 * serves `node --enable-source-maps`. Types are checked by `npm run typecheck`, not here.
 */

const root = resolve(import.meta.dirname, '..')

/**
 * zod re-exports its error messages in some 60 languages; the server speaks English only (zod's
 * default), so the bundle leaves the others out (about 2 MB of an idle server's memory).
 */
const englishOnlyZod: Plugin = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'english-only-zod' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js'",
      resolveDir: root,
      loader: 'js',
    }))
  },
}

const outDir = process.argv[2]
if (!outDir) throw new Error('usage: bundleServer <outDir>')

await build({
  absWorkingDir: root,
  entryPoints: [
    'server/main.ts',
    'server/cli/backup.ts',
    'server/cli/doctor.ts',
    'server/cli/ownerLink.ts',
    'server/cli/migrateToPostgres.ts',
  ],
  outbase: '.',
  outdir: resolve(outDir),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // pg loads pg-native only when asked for its native binding, which this server never does.
  external: ['better-sqlite3', 'pg-native'],
  minify: true,
  sourcemap: 'linked',
  // The licence comments go to a file beside each bundle. One of them names an author with a
  // letter outside Latin-1, and a single such character makes V8 hold the whole source as
  // two-byte text: 3 MB of an idle server's heap instead of 1.5 MB.
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [englishOnlyZod],
  // Bundled CommonJS packages (ws) still call `require` for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
})
