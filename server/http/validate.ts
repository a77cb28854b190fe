import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { ApiError } from './errors.js'

/** Validates a request part with a shared zod schema; failures become a 400 naming the field. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0]
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
      throw new ApiError(
        target === 'query' ? 'invalid_query' : 'invalid_body',
        `${where}${issue?.message ?? 'invalid'}`,
        result.error.issues.map((i) => ({ path: i.path, message: i.message })),
      )
    }
  })
}
