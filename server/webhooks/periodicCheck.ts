import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'

/**
 * Runs `check` every `everyMs` (and whenever the caller asks), never two at once. A failure is
 * logged as `failureEvent`, except the store being unavailable, which its health reports once
 * per episode; the next round tries again.
 */
export function runPeriodically(
  check: () => Promise<void>,
  options: { everyMs: number; log: Logger; failureEvent: string },
) {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      await check()
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) {
        options.log.error(options.failureEvent, { error: String(error) })
      }
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void run(), options.everyMs)
  timer.unref()
  return {
    check: run,
    stop: () => clearInterval(timer),
  }
}
