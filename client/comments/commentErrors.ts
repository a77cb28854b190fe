import { ApiError } from '../api/client'

/** What to tell the person when a comment could not be saved; their text stays in the box. */
export function commentErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'That did not work. Your text is kept: try again.'
  switch (error.status) {
    case 403:
      return `Not allowed: ${error.message}`
    case 503:
      return 'The server cannot save comments right now. Your text is kept: try again in a moment.'
    case 0:
      return 'Cannot reach the server. Your text is kept: try again once you are back online.'
    default:
      return error.message
  }
}
