import { z } from 'zod'
import { ApiError } from '../api/client'

const IssuesSchema = z.array(z.object({ message: z.string() })).min(1)

/** What to tell the person when a history call failed; what they typed stays where it was. */
export function historyErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'That did not work. Try again.'
  switch (error.status) {
    case 0:
      return 'Cannot reach the server. Try again once you are back online.'
    case 400: {
      // The server names the field ("name: …"); the form already shows which one it is.
      const issues = IssuesSchema.safeParse(error.details)
      return issues.success ? issues.data[0]!.message : error.message
    }
    case 403:
      return 'Your link can only view this board: naming and restoring versions needs an edit link.'
    case 404:
      return 'This version is no longer kept: it may have expired. Refresh the list.'
    case 423:
      return `${error.message}.`
    case 503:
      return 'The server cannot save changes right now. Nothing was changed: try again in a moment.'
    default:
      return error.message
  }
}
