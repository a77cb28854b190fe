import { FuzzFailure } from './invariants.js'

/**
 * Polls `check` until it holds or `timeoutMs` passes; then throws with `describe()`'s account of
 * what still differs. Polling with a deadline, so a run never depends on a guessed delay.
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; describe: () => string | Promise<string> },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) {
      throw new FuzzFailure(
        `not reached within ${options.timeoutMs} ms: ${await options.describe()}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20))
  }
}
