/**
 * Which field should take the keyboard focus once it is rendered: a new item after Enter, an
 * item after it moved (moving copies it, so its field is a new element), the previous item
 * after a delete. UI state only; the key is an item or field id.
 */
export class FocusRequests {
  private pending: { key: string; caret: 'start' | 'end' } | null = null

  request(key: string, caret: 'start' | 'end' = 'end'): void {
    this.pending = { key, caret }
  }

  /** Focuses `field` if it was asked for, and forgets the request. */
  fulfil(key: string, field: HTMLTextAreaElement | HTMLInputElement | HTMLElement | null): void {
    if (!field || this.pending?.key !== key) return
    const { caret } = this.pending
    this.pending = null
    field.focus({ preventScroll: false })
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
      const at = caret === 'start' ? 0 : field.value.length
      field.setSelectionRange(at, at)
    }
  }
}
