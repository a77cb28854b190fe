import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

/**
 * A folder shared by the test files of one run, where the first file that needs PostgreSQL
 * leaves an initialised data folder for the others to copy; removed when the run ends. Costs
 * nothing when no file needs PostgreSQL.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'discovery-board-pg-run-'))
  project.provide('postgresRunDir', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
