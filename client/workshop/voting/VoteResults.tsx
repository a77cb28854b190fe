import { useState } from 'react'
import { useEditor } from 'tldraw'
import { rankLines, resultLabel } from './ranking'
import { useWorkshopView } from './WorkshopView'
import { zoomToItem } from './zoomToItem'
import { InWorkshopStrip } from '../WorkshopStrip'

/**
 * The results of the vote that just ended, in the workshop strip: items ranked by votes, each
 * zooming to its item; closed here, they stay closed on this screen.
 */
export function VoteResults() {
  const editor = useEditor()
  const view = useWorkshopView()
  const [closedId, setClosedId] = useState<string | null>(null)
  const voting = view?.state?.voting
  if (!view || !voting || voting.status !== 'closed' || !voting.results) return null
  if (closedId === voting.id) return null
  const lines = rankLines(voting.results)
  return (
    <InWorkshopStrip>
      <section
        className="vote-results"
        data-testid="vote-results"
        aria-labelledby="vote-results-title"
      >
        <header className="vote-results-header">
          <h2 id="vote-results-title">Vote results</h2>
          <span className="vote-results-meta">
            {voting.voters ?? 0} {voting.voters === 1 ? 'voter' : 'voters'}
          </span>
          <button
            type="button"
            className="vote-results-close"
            aria-label="Close vote results"
            onClick={() => setClosedId(voting.id)}
          >
            ×
          </button>
        </header>
        {lines.length === 0 ? (
          <p className="vote-results-empty">Nothing was on the ballot.</p>
        ) : (
          <ol className="vote-results-list">
            {lines.map((line) => (
              <li key={line.itemId}>
                <button
                  type="button"
                  className="vote-result"
                  data-testid="vote-result"
                  data-item-id={line.itemId}
                  data-votes={line.votes}
                  onClick={() => zoomToItem(editor, view.doc, line.itemId, view.highlight)}
                >
                  <span className="vote-result-rank">{line.rank}</span>
                  <span className="vote-result-label">{resultLabel(line.label)}</span>
                  <span className="vote-result-count" data-testid="vote-result-count">
                    {line.votes}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </InWorkshopStrip>
  )
}
