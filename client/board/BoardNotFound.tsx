import { Link } from '../app/router'
import { AppHeader } from '../ui/AppHeader'

/** Shown when the server says the board does not exist or was deleted. */
export function BoardNotFound({ reason }: { reason: 'missing' | 'deleted' }) {
  return (
    <div className="app-page">
      <AppHeader />
      <main className="centered-page" data-testid="board-not-found" data-reason={reason}>
        <div className="empty-card">
          <h1>Board not found</h1>
          <p>
            {reason === 'deleted'
              ? 'This board was deleted. Restore it from Recently deleted on the boards page.'
              : 'There is no board here, or your link to it no longer works. Ask the board’s owner for a new link, or pick a board from the list.'}
          </p>
          <Link className="button button-primary" to="/">
            Go to your boards
          </Link>
        </div>
      </main>
    </div>
  )
}
