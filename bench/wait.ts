/** Every wait in the benchmark is bounded: these reject or report instead of hanging. */

/** Rejects with a message naming `what` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Resolves true once `condition()` holds (checked every `everyMs`), or false after `ms`. */
export async function waitUntil(
  condition: () => boolean,
  ms: number,
  everyMs = 2,
): Promise<boolean> {
  const deadline = performance.now() + ms
  while (!condition()) {
    if (performance.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  return true
}

/** Wall-clock milliseconds since the epoch with sub-millisecond precision. */
export const clock = () => performance.timeOrigin + performance.now()
