import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * `npm run lint`. Besides the recommended rules of ESLint, typescript-eslint and React's hooks
 * (all as errors), it holds the layer rules of docs/code.md. Relative imports are
 * matched by where they climb to: from any depth, `../../client/x` reaches the top-level
 * client/ folder and `../workshop/x` a sibling folder.
 */

/** An import that climbs out of its folder into `folder` (one name, or `a|b`). */
const into = (folder) => `^(\\.\\./)+(${folder})(/|$)`

const layers = {
  sharedIsTheContract: {
    regex: into('client|server'),
    message: 'shared/ is the contract both sides build on: it imports neither client/ nor server/.',
  },
  sharedHasNoViews: {
    regex: '^(react|react-dom|tldraw)(/|$)',
    message:
      'shared/ has no views: take tldraw records from @tldraw/tlschema, never React or tldraw.',
  },
  serverHasNoClient: {
    regex: into('client'),
    message: 'server/ never imports client/: what both need belongs in shared/.',
  },
  clientTakesServerTypes: {
    regex: into('server'),
    allowTypeImports: true,
    message:
      'client/ imports server/ only as types (import type): server code never ships to browsers.',
  },
  shapesGetTheWorkshop: {
    regex: into('workshop'),
    message:
      'Canvas views get the workshop through CanvasWorkshop (client/shapes/canvas/CanvasWorkshop.ts), never by importing client/workshop/.',
  },
  syncIsReactFree: {
    // From client/sync/x.ts: `../../shared/…` and `../api/…` only (client/server is above).
    regex: '^\\.\\./(?!\\.\\./|api/)',
    message: 'client/sync/ is React-free: it imports shared/, client/api/ and itself, no views.',
  },
  syncHasNoReact: {
    regex: '^(react|react-dom)(/|$)',
    message: 'client/sync/ is React-free: React hooks that wire it up live with the views.',
  },
}

/** The layer rule for some files; a later entry's list replaces an earlier one, so each repeats what applies. */
const restrict = (files, ...rules) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: rules }] },
})

/**
 * Every rule of React's recommended set, as an error, but one: set-state-in-effect flags an
 * effect that creates something (a sync, an undo manager, a voting client), stores it in
 * state and disposes of it in its cleanup. That is how this app keeps StrictMode's second run
 * from getting a disposed object (client/board/useBoardSync.ts), so the rule would only be silenced.
 */
const hooksAsErrors = {
  ...Object.fromEntries(
    Object.keys(reactHooks.configs.recommended.rules).map((rule) => [rule, 'error']),
  ),
  'react-hooks/set-state-in-effect': 'off',
}

export default defineConfig([
  globalIgnores(['dist/', 'data/', 'test-results/', '.test-data/', 'node_modules/']),
  // A disable comment that no longer silences anything fails, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Unused names are an error; a leading underscore marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: hooksAsErrors,
  },
  {
    // Tests read the API's answers as the JSON they are, and poke at records on purpose.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  restrict(['shared/**'], layers.sharedIsTheContract, layers.sharedHasNoViews),
  restrict(['server/**'], layers.serverHasNoClient),
  restrict(['client/**'], layers.clientTakesServerTypes),
  restrict(['client/shapes/**'], layers.clientTakesServerTypes, layers.shapesGetTheWorkshop),
  restrict(
    ['client/sync/**'],
    layers.clientTakesServerTypes,
    layers.syncIsReactFree,
    layers.syncHasNoReact,
  ),
])
