import * as Y from 'yjs'
import { editYText } from './editYText'
import { transformPosition } from './textDiff'

type TextField = HTMLTextAreaElement | HTMLInputElement

/**
 * Binds a textarea or input to a Y.Text, both ways, without React. A keystroke becomes the
 * smallest Y.Text insert/delete (so two people typing in one item merge character by
 * character); a change from anyone else rewrites the field and moves the caret by what was
 * inserted or deleted before it, so it stays where the person was typing.
 */
export class YTextBinding {
  private composing = false

  constructor(
    private readonly field: TextField,
    private readonly text: Y.Text,
    /** Single-line fields drop newlines (a pasted paragraph becomes one line). */
    private readonly singleLine = false,
  ) {
    field.value = text.toString()
    field.addEventListener('input', this.onInput)
    field.addEventListener('compositionstart', this.onCompositionStart)
    field.addEventListener('compositionend', this.onCompositionEnd)
    text.observe(this.onTextChange)
  }

  dispose(): void {
    this.field.removeEventListener('input', this.onInput)
    this.field.removeEventListener('compositionstart', this.onCompositionStart)
    this.field.removeEventListener('compositionend', this.onCompositionEnd)
    this.text.unobserve(this.onTextChange)
  }

  private readonly onCompositionStart = () => {
    this.composing = true
  }

  private readonly onCompositionEnd = () => {
    this.composing = false
    this.onInput()
  }

  private readonly onInput = () => {
    // An IME composes a character through several provisional values; send only the result.
    if (this.composing) return
    let next = this.field.value
    if (this.singleLine && /[\r\n]/.test(next)) {
      const caret = this.field.selectionEnd ?? next.length
      next = next.replace(/[\r\n]+/g, ' ')
      this.field.value = next
      this.field.setSelectionRange(caret, caret)
    }
    editYText(this.text, next, this.field.selectionEnd ?? undefined)
  }

  private readonly onTextChange = (event: Y.YTextEvent) => {
    const next = this.text.toString()
    if (this.field.value === next) return
    const focused = this.field.ownerDocument.activeElement === this.field
    const start = this.field.selectionStart ?? 0
    const end = this.field.selectionEnd ?? 0
    this.field.value = next
    if (focused) {
      const delta = event.delta as Parameters<typeof transformPosition>[1]
      this.field.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta))
    }
  }
}
