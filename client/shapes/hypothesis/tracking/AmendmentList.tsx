import type { Amendment } from '../../../../shared/canvases/hypothesis/tracking'
import { amendmentChanges } from './amendmentWords'
import { stamp } from './dates'
import './AmendmentList.css'

/** Every change to the locked criteria: which metric, what changed, why, who and when. */
export function AmendmentList({ amendments }: { amendments: readonly Amendment[] }) {
  if (amendments.length === 0) {
    return <p className="tracking-muted">No amendments: the criteria are as agreed.</p>
  }
  return (
    <ol className="tracking-log" data-testid="amendments">
      {[...amendments].reverse().map((a) => (
        <li
          key={a.id}
          className="tracking-log-entry"
          data-testid="amendment"
          data-metric-key={a.metric}
        >
          <div className="tracking-log-title">
            <code>{a.metric}</code> {amendmentChanges(a).join(' · ')}
          </div>
          <q className="tracking-log-text">{a.reason}</q>
          <div className="tracking-log-meta">
            {a.by || 'Someone'} · <time dateTime={a.at}>{stamp(a.at)}</time>
          </div>
        </li>
      ))}
    </ol>
  )
}
