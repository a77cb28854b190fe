/**
 * A numbered schema step. Each database keeps the steps it has applied in `schema_migrations`;
 * a step is applied once, in its own transaction, and never edited after release: a change to
 * the schema is a new step at the end of the list.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** The steps not applied yet, in order; refuses a list with gaps or a newer database. */
export function pendingMigrations<Step extends Pick<Migration, 'version' | 'name'>>(
  steps: readonly Step[],
  applied: number,
): Step[] {
  steps.forEach((step, i) => {
    if (step.version !== i + 1) {
      throw new Error(`Migration ${step.name} is numbered ${step.version}, expected ${i + 1}`)
    }
  })
  if (applied > steps.length) {
    throw new Error(
      `The database schema is at version ${applied}, newer than this server knows (${steps.length}): ` +
        'run the newer server, or restore a backup taken before it ran.',
    )
  }
  return steps.slice(applied)
}
