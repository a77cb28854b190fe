import { useHistoryUi } from '../state/historyUi'
import { historyShortcutLabel } from './historyShortcut'
import './history.css'

/** The board header's History button (an icon beside the comments' ones): opens and closes the panel of the board's versions. */
export function HistoryButton() {
  const open = useHistoryUi((s) => s.panelOpen)
  const setPanelOpen = useHistoryUi((s) => s.setPanelOpen)
  const shortcut = historyShortcutLabel()
  return (
    <button
      type="button"
      className={`button button-small history-toggle${open ? ' is-active' : ''}`}
      aria-pressed={open}
      aria-label="History"
      aria-keyshortcuts={shortcut.startsWith('⌘') ? 'Meta+Alt+Shift+H' : 'Control+Alt+Shift+H'}
      title={`Version history (${shortcut}): name, open and restore versions of this board`}
      data-testid="history-toggle"
      onClick={() => setPanelOpen(!open)}
    >
      <HistoryIcon />
    </button>
  )
}

function HistoryIcon() {
  return (
    <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
      <path
        d="M3.5 10a6.5 6.5 0 1 0 1.9-4.6M3.5 3.5v3.2h3.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d="M10 6.5V10l2.4 1.6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  )
}
