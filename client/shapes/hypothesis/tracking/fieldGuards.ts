import { stopEventPropagation } from 'tldraw'

/**
 * Keeps pointer and key events in a form control on a canvas: tldraw would otherwise start
 * dragging the shape or read the keys as board shortcuts.
 */
export const fieldGuards = {
  onPointerDown: stopEventPropagation,
  onKeyDown: (event: { stopPropagation(): void }) => event.stopPropagation(),
}
