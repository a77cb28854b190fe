import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { ServerContext } from '../context.js'

/** Serves the built client; every other GET gets index.html so client routes load. */
export function staticClient(ctx: ServerContext) {
  const root = ctx.config.clientDir
  const indexPath = join(root, 'index.html')
  const app = new Hono()
  // The build keeps its own files in dot-folders and dot-files (Vite's manifest, the build
  // stamp); they are not part of the site.
  app.use('*', async (c, next) => {
    if (c.req.path.split('/').some((segment) => segment.startsWith('.'))) {
      return c.text('Not found', 404)
    }
    await next()
  })
  app.use(
    '/assets/*',
    serveStatic({
      root,
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  )
  app.use('*', serveStatic({ root }))
  app.get('*', (c) => {
    if (!existsSync(indexPath)) {
      return c.text(
        'The client is not built. Run `npm run build` (npm start does it for you).',
        503,
      )
    }
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexPath, 'utf8'))
  })
  return app
}
