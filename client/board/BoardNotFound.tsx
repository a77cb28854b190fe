import type { ReactNode } from 'react'
import { Link } from '../app/router'
import { AppHeader } from '../ui/AppHeader'

/**
 * Shown when the server says the board does not exist, or that its stored data cannot be read.
 * A deleted board has its own page (BoardDeleted).
 */
export function BoardNotFound({ reason }: { reason: 'missing' | 'unreadable' }) {
  if (reason === 'unreadable') {
    return (
      <Page reason={reason} heading="Board can’t be opened">
        <p>
          {'This board’s stored data can’t be read. ' +
            'The person who runs the server can repair it (npm run doctor).'}
        </p>
      </Page>
    )
  }
  return (
    <Page reason={reason} heading="Board not found">
      <p>
        There is no board here, or your link to it no longer works. Ask the board’s owner for a new
        link, or pick a board from the list.
      </p>
    </Page>
  )
}

/** A page with one message about the board and a way back to the list (and any `actions`). */
export function Page({
  reason,
  heading,
  children,
  actions,
}: {
  reason: string
  heading: string
  children: ReactNode
  actions?: ReactNode
}) {
  return (
    <div className="app-page">
      <AppHeader />
      <main className="centered-page" data-testid="board-not-found" data-reason={reason}>
        <div className="empty-card">
          <h1>{heading}</h1>
          {children}
          <div className="empty-card-actions">
            {actions}
            <Link className={actions ? 'button' : 'button button-primary'} to="/">
              Go to your boards
            </Link>
          </div>
        </div>
      </main>
    </div>
  )
}
