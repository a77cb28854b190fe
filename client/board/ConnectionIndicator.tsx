import type { ConnectionStatus } from '../sync/connectionStatus'

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
  'not-found': { label: 'Unavailable', detail: 'This board does not exist any more.' },
}

/** A dot and a word for the connection, with the full explanation as a tooltip. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { label, detail } = labels[status]
  return (
    <div
      className="connection"
      role="status"
      title={detail}
      data-testid="connection-status"
      data-status={status}
    >
      <span className={`connection-dot connection-dot-${status}`} aria-hidden="true" />
      <span className="connection-label">{label}</span>
      <span className="visually-hidden">{detail}</span>
    </div>
  )
}
