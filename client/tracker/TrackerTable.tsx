import type { TrackerRow } from '../../shared/api/hypotheses'
import type { TrackerSort } from './trackerFilters'
import { TrackerRowView } from './TrackerRowView'
import './TrackerTable.css'

interface TrackerTableProps {
  rows: TrackerRow[]
  sort: TrackerSort
  onSort: (sort: TrackerSort) => void
  now: number
  /** New rows are on their way for changed filters: the ones shown are about to go. */
  stale: boolean
}

/** The hypotheses as a table; the time box and last change headers also set the order. */
export function TrackerTable({ rows, sort, onSort, now, stale }: TrackerTableProps) {
  const sortHeader = (key: TrackerSort, label: string, className?: string) => (
    <th
      scope="col"
      className={className}
      aria-sort={sort === key ? (key === 'due' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className={`th-sort${sort === key ? ' th-sort-active' : ''}`}
        onClick={() => onSort(key)}
        title={key === 'due' ? 'Soonest end first' : 'Most recent change first'}
      >
        {label}
        <span className="th-sort-arrow" aria-hidden="true">
          {sort === key ? (key === 'due' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  )

  return (
    <div className="card tracker-table-wrap">
      <table
        className={`tracker-table${stale ? ' tracker-table-stale' : ''}`}
        aria-busy={stale}
        data-testid="tracker-table"
      >
        <thead>
          <tr>
            <th scope="col" className="col-hypothesis">
              Hypothesis
            </th>
            <th scope="col">Status</th>
            <th scope="col">Verdict</th>
            <th scope="col">Primary metric</th>
            {sortHeader('due', 'Time box')}
            <th scope="col" className="col-board">
              Board
            </th>
            {sortHeader('updated', 'Last change', 'col-updated')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TrackerRowView key={`${row.boardId}/${row.hypothesisId}`} row={row} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  )
}
