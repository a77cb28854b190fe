import { join, resolve } from 'node:path'
import { buildChanged } from '../scripts/build.js'
import { measurePages } from '../scripts/pageBundles.js'
import type { Report } from './report.js'
import { rowWithCeiling } from './table.js'

/** The board list and the tracker load at most this much JavaScript (gzip); the editor loads later. */
export const PageBudgetGzipBytes = 150_000
const budgeted = new Set(['board list (/)', 'tracker (/hypotheses)'])

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

/** JavaScript each page loads before it shows, gzipped, from the production build. */
export function bundleSection(report: Report, progress: (message: string) => void) {
  progress('client bundles (building the client if its sources changed)')
  buildChanged({ only: 'client', log: progress })
  const clientDir = join(resolve(import.meta.dirname, '..'), 'dist', 'client')
  for (const page of measurePages(clientDir)) {
    const measure = `JavaScript loaded, ${page.name}, gzip`
    const result = `${kb(page.gzipBytes)} (${kb(page.bytes)} raw, ${page.files.length} files)`
    report.row(
      budgeted.has(page.name)
        ? rowWithCeiling(
            measure,
            result,
            page.gzipBytes,
            PageBudgetGzipBytes,
            `≤ ${kb(PageBudgetGzipBytes)}`,
          )
        : { measure, result },
    )
  }
}
