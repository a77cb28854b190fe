import type { ConnectionStatus } from '../sync/connectionStatus'
import './ConnectionIndicator.css'

const labels: Record<ConnectionStatus, { label: string; detail: string }> = {
  connecting: { label: 'Connecting…', detail: 'Opening a live connection to the board.' },
  connected: { label: 'Live', detail: 'Connected: changes are shared as you make them.' },
  reconnecting: {
    label: 'Reconnecting…',
    detail: 'Connection lost. Your edits are kept on this device and sent when it is back.',
  },
  offline: {
    label: 'Offline',
    detail: 'You are offline. Keep working: edits are saved on this device and merge later.',
  },
  'not-saved': {
    label: 'Not saved',
    detail:
      'The server cannot save right now. Your edits are kept on this device and sent again automatically.',
  },
  'too-large': {
    label: 'Not saved',
    detail:
      'A change was too large for the server to save. Nothing from this device is sent until you download or discard it.',
  },
  'locked-change': {
    label: 'Syncing…',
    detail:
      'A facilitator locked what you were changing: your unsaved change there is dropped and the board reloads.',
  },
  unreadable: {
    label: 'Unavailable',
    detail:
      'This board’s stored data can’t be read. The person who runs the server can repair it (npm run doctor).',
  },
  'not-found': { label: 'Unavailable', detail: 'This board does not exist any more.' },
}

/** The explanation the indicator gives for a status. */
export const connectionDetail = (status: ConnectionStatus) => labels[status].detail

/**
 * A dot and a word for the connection, with the full explanation as a tooltip. With `onOpen`
 * it is a button (to reopen what the status asks the person to decide).
 */
export function ConnectionIndicator({
  status,
  onOpen,
}: {
  status: ConnectionStatus
  onOpen?: () => void
}) {
  const { label, detail } = labels[status]
  const content = (
    <>
      <span className={`connection-dot connection-dot-${status}`} aria-hidden="true" />
      <span className="connection-label">{label}</span>
      <span className="visually-hidden">{detail}</span>
    </>
  )
  if (onOpen) {
    return (
      <div role="status">
        <button
          type="button"
          className="connection connection-button"
          title={detail}
          data-testid="connection-status"
          data-status={status}
          onClick={onOpen}
        >
          {content}
        </button>
      </div>
    )
  }
  return (
    <div
      className="connection"
      role="status"
      title={detail}
      data-testid="connection-status"
      data-status={status}
    >
      {content}
    </div>
  )
}
