import type { ReactNode } from 'react'
import { Link } from '../app/router'
import { AppHeader } from '../ui/AppHeader'

/**
 * Shown when the server says the board does not exist or was deleted, or that its stored data
 * cannot be read.
 */
export function BoardNotFound({ reason }: { reason: 'missing' | 'deleted' | 'unreadable' }) {
  if (reason === 'unreadable') {
    return (
      <Page reason={reason} heading="Board can’t be opened">
        {'This board’s stored data can’t be read. ' +
          'The person who runs the server can repair it (npm run doctor).'}
      </Page>
    )
  }
  return (
    <Page reason={reason} heading="Board not found">
      {reason === 'deleted'
        ? 'This board was deleted. Restore it from Recently deleted on the boards page.'
        : 'There is no board here, or your link to it no longer works. Ask the board’s owner for a new link, or pick a board from the list.'}
    </Page>
  )
}

function Page({
  reason,
  heading,
  children,
}: {
  reason: string
  heading: string
  children: ReactNode
}) {
  return (
    <div className="app-page">
      <AppHeader />
      <main className="centered-page" data-testid="board-not-found" data-reason={reason}>
        <div className="empty-card">
          <h1>{heading}</h1>
          <p>{children}</p>
          <Link className="button button-primary" to="/">
            Go to your boards
          </Link>
        </div>
      </main>
    </div>
  )
}
