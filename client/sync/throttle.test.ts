import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { throttle } from './throttle'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('a throttled function called in a burst', () => {
  it('runs at once, then at most once per interval, ending with a trailing call', () => {
    const fn = vi.fn()
    const throttled = throttle(fn, 50)
    for (let ms = 0; ms < 500; ms += 5) {
      throttled()
      vi.advanceTimersByTime(5)
    }
    // 500 ms at one call per 50 ms: the leading call plus one per interval.
    expect(fn.mock.calls.length).toBe(11)
    // A call inside the interval is not dropped: it runs when the interval ends.
    const before = fn.mock.calls.length
    throttled()
    expect(fn).toHaveBeenCalledTimes(before)
    vi.advanceTimersByTime(50)
    expect(fn).toHaveBeenCalledTimes(before + 1)
  })

  it('does not run after cancel', () => {
    const fn = vi.fn()
    const throttled = throttle(fn, 50)
    throttled()
    throttled()
    throttled.cancel()
    vi.advanceTimersByTime(100)
    expect(fn).toHaveBeenCalledTimes(1)
  })
})
