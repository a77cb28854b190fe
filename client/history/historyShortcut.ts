/**
 * The history panel's shortcut: Ctrl+Alt+Shift+H (⌘⌥⇧H on a Mac), as in document editors. tldraw
 * keeps Alt+Shift+H (flip) and Ctrl+Shift+H for itself, and uses no Ctrl+Alt+Shift letter.
 */
export function isHistoryShortcut(event: KeyboardEvent): boolean {
  // By key position: Option changes the character a Mac sends.
  return (
    event.code === 'KeyH' &&
    event.altKey &&
    event.shiftKey &&
    (isMac() ? event.metaKey : event.ctrlKey)
  )
}

/** The shortcut as this platform writes it, for tooltips. */
export function historyShortcutLabel(): string {
  return isMac() ? '⌘⌥⇧H' : 'Ctrl+Alt+Shift+H'
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.userAgent)
