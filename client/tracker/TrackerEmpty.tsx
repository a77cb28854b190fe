import { Link } from '../app/router'
import './TrackerEmpty.css'

/** No hypothesis on any board yet: how to write the first one. */
export function NoHypotheses() {
  return (
    <div className="empty-state tracker-empty" data-testid="tracker-empty">
      <div className="tracker-empty-sheet" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h2>No hypotheses yet</h2>
      <p>
        Open a board and add a <strong>Hypothesis</strong> canvas: write what you believe, the
        result you expect and how you will know. Give it a success metric with a baseline and a
        target, and it shows up here with its verdict as measurements arrive.
      </p>
      <Link className="button button-primary" to="/">
        Go to your boards
      </Link>
    </div>
  )
}

/** Hypotheses exist, but none matches the filters. */
export function NoMatch({ onReset }: { onReset: () => void }) {
  return (
    <div className="empty-state tracker-empty" data-testid="tracker-no-match">
      <h2>No hypothesis matches these filters</h2>
      <p>Try fewer filters, or clear them to see every hypothesis on every board.</p>
      <button type="button" className="button" onClick={onReset}>
        Clear filters
      </button>
    </div>
  )
}

/** The first read failed: say so and offer to try again. */
export function TrackerLoadError({
  message,
  retrying,
  onRetry,
}: {
  message: string
  retrying: boolean
  onRetry: () => void
}) {
  return (
    <div
      className="empty-state tracker-empty tracker-error"
      role="alert"
      data-testid="tracker-error"
    >
      <h2>Could not load the hypotheses</h2>
      <p>{message}</p>
      <button type="button" className="button button-primary" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Trying again…' : 'Try again'}
      </button>
    </div>
  )
}

/** Placeholder rows while the first read is on its way. */
export function TrackerSkeleton() {
  return (
    <div
      className="card tracker-table-wrap tracker-skeleton"
      aria-busy="true"
      aria-label="Loading hypotheses"
      data-testid="tracker-loading"
    >
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="tracker-skeleton-row" aria-hidden="true">
          <div className="skeleton-line" />
          <div className="skeleton-line skeleton-line-short" />
        </div>
      ))}
    </div>
  )
}
