/** A throttled call: runs at once, then at most once per interval with the latest arguments. */
export interface Throttled {
  (): void
  cancel(): void
}

/** Throttles `fn` to one call per `intervalMs`, always ending with a trailing call. */
export function throttle(fn: () => void, intervalMs: number): Throttled {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null

  const run = () => {
    timer = null
    last = Date.now()
    fn()
  }

  const throttled = () => {
    if (timer !== null) return
    const wait = last + intervalMs - Date.now()
    if (wait <= 0) run()
    else timer = setTimeout(run, wait)
  }
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  return throttled
}
