import type { ConnectionStatus } from '../sync/connectionStatus'
import './BoardLoading.css'

const offlineMessage =
  'You are offline, and this board has not been opened on this device yet. ' +
  'It opens as soon as you are back online.'

/** Shown until the board's content is in: from this device or from the server. */
export function BoardLoading({ status }: { status: ConnectionStatus }) {
  const offline = status === 'offline'
  return (
    <div className="board-loading" data-testid="board-loading" aria-busy={!offline}>
      {!offline && <span className="spinner" aria-hidden="true" />}
      <p>{offline ? offlineMessage : 'Opening board…'}</p>
    </div>
  )
}
