import type { HistoryNote } from '../../../../shared/canvases/hypothesis/tracking'
import { stamp } from './dates'

/** What imports restored as it was recorded (a time box that started before them), newest first. */
export function HistoryNotes({ notes }: { notes: readonly HistoryNote[] }) {
  if (notes.length === 0) return null
  return (
    <>
      <h4 className="tracking-heading">Restored by imports</h4>
      <ol className="tracking-log" data-testid="history-notes">
        {[...notes].reverse().map((n) => (
          <li key={n.id} className="tracking-log-entry" data-testid="history-note">
            <div className="tracking-log-text">{n.note}</div>
            <div className="tracking-log-meta">
              {n.by || 'Someone'} · <time dateTime={n.at}>{stamp(n.at)}</time>
            </div>
          </li>
        ))}
      </ol>
    </>
  )
}
