/** What a key press in an item does. */
export type ItemKeyCommand =
  | 'add-after'
  | 'delete-empty'
  | 'move-up'
  | 'move-down'
  | 'move-to-previous-box'
  | 'move-to-next-box'
  | 'focus-previous'
  | 'focus-next'

interface KeyInfo {
  key: string
  altKey: boolean
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

interface FieldInfo {
  value: string
  selectionStart: number | null
  selectionEnd: number | null
}

/**
 * The keyboard of an item: Enter adds an item after it (Shift+Enter is a new line), Backspace
 * in an empty item deletes it, Alt+↑/↓ reorders, Alt+←/→ moves it to the previous/next box,
 * ↑ at the start and ↓ at the end go to the neighbouring item. Anything else is typing.
 */
export function itemKeyCommand(key: KeyInfo, field: FieldInfo): ItemKeyCommand | undefined {
  if (key.ctrlKey || key.metaKey) return undefined
  const collapsed = field.selectionStart === field.selectionEnd
  if (key.altKey && !key.shiftKey) {
    if (key.key === 'ArrowUp') return 'move-up'
    if (key.key === 'ArrowDown') return 'move-down'
    if (key.key === 'ArrowLeft') return 'move-to-previous-box'
    if (key.key === 'ArrowRight') return 'move-to-next-box'
    return undefined
  }
  if (key.altKey || key.shiftKey) return undefined
  if (key.key === 'Enter') return 'add-after'
  if (key.key === 'Backspace' && field.value === '') return 'delete-empty'
  if (key.key === 'ArrowUp' && collapsed && field.selectionStart === 0) return 'focus-previous'
  if (key.key === 'ArrowDown' && collapsed && field.selectionEnd === field.value.length)
    return 'focus-next'
  return undefined
}
