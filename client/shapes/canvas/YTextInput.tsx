import { useEffect, useRef, type KeyboardEvent, type TextareaHTMLAttributes } from 'react'
import { stopEventPropagation } from 'tldraw'
import type * as Y from 'yjs'
import { useCanvasUndo } from './CanvasUndo'
import { YTextBinding } from './YTextBinding'

interface YTextInputProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue'
> {
  text: Y.Text
  singleLine?: boolean
  /** Receives the element, e.g. to focus it on request. */
  fieldRef?: (element: HTMLTextAreaElement | null) => void
}

/**
 * A text field bound to a Y.Text. Pointer and key events stay in the field: tldraw would
 * otherwise start dragging the canvas or treat keys as board shortcuts.
 */
export function YTextInput({
  text,
  singleLine = false,
  fieldRef,
  onKeyDown,
  onFocus,
  ...rest
}: YTextInputProps) {
  const ref = useRef<HTMLTextAreaElement | null>(null)
  const undo = useCanvasUndo()

  useEffect(() => {
    const field = ref.current
    if (!field) return
    const binding = new YTextBinding(field, text, singleLine)
    return () => binding.dispose()
  }, [text, singleLine])

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation()
    // The field's own undo history is lost whenever someone else's change is written into it.
    if (undo.onKeyDown(event)) return
    if (singleLine && event.key === 'Enter') event.preventDefault()
    if (event.key === 'Escape') event.currentTarget.blur()
    onKeyDown?.(event)
  }

  return (
    <textarea
      {...rest}
      ref={(element) => {
        ref.current = element
        fieldRef?.(element)
      }}
      rows={1}
      spellCheck
      onKeyDown={handleKeyDown}
      onFocus={(event) => {
        undo.onFocus()
        onFocus?.(event)
      }}
      onPointerDown={stopEventPropagation}
      onDoubleClick={stopEventPropagation}
    />
  )
}
