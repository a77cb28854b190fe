import { Link } from './router'

/** Shown for paths no route matches. */
export function NotFoundPage() {
  return (
    <main className="centered-page" data-testid="page-not-found">
      <div className="empty-card">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link className="button button-primary" to="/">
          Go to your boards
        </Link>
      </div>
    </main>
  )
}
