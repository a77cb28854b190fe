/** One-line structured log records. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

/** Logs one JSON line per record to stderr; `warn` drops info records, `silent` drops all (tests). */
export function createLogger(level: 'info' | 'warn' | 'silent' = 'info'): Logger {
  const write = (lvl: string, event: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `${JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...fields })}\n`,
    )
  return {
    info: (event, fields) => level === 'info' && write('info', event, fields),
    warn: (event, fields) => level !== 'silent' && write('warn', event, fields),
    error: (event, fields) => level !== 'silent' && write('error', event, fields),
  }
}
