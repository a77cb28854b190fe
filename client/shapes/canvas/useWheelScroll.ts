import { useEffect, type RefObject } from 'react'

/**
 * Lets the wheel scroll a list inside a canvas when it overflows, instead of panning the board.
 * The editor listens for the wheel on its container, so the list stops the event natively on
 * its way up; zoom gestures (Ctrl or ⌘ with the wheel, pinch) stay the board's.
 */
export function useWheelScroll(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.metaKey) return
      const vertical = Math.abs(event.deltaY) >= Math.abs(event.deltaX)
      const overflows = vertical
        ? element.scrollHeight > element.clientHeight + 1
        : element.scrollWidth > element.clientWidth + 1
      if (overflows) event.stopPropagation()
    }
    element.addEventListener('wheel', onWheel, { passive: true })
    return () => element.removeEventListener('wheel', onWheel)
  }, [ref])
}
