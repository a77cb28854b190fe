/** The store refused a write (disk full, I/O error, busy or unreachable database). */
export class StorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Storage unavailable: ${describeCause(cause)}`)
  }
}

/** A board's stored data cannot be read or decoded. */
export class BoardUnreadableError extends Error {
  constructor(
    readonly boardId: string,
    override readonly cause: unknown,
  ) {
    super(`Board ${boardId} is unreadable: ${describeCause(cause)}`)
  }
}

/** A short, loggable description of what a store threw. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message
  }
  return String(cause)
}
