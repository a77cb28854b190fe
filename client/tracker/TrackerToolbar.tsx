import { TrackerSorts } from '../../shared/api/hypotheses'
import { HypothesisStatuses } from '../../shared/canvases/hypothesis/tracking'
import { Verdicts } from '../../shared/canvases/hypothesis/verdict'
import { BoardBadge } from './BoardBadge'
import { FilterMenu } from './FilterMenu'
import { hasFilters, noFilters, type TrackerFilters, type TrackerSort } from './trackerFilters'
import { sortLabels, statusLabels, verdictLabels } from './trackerLabels'
import './TrackerToolbar.css'

interface TrackerToolbarProps {
  filters: TrackerFilters
  boards: { id: string; title: string }[]
  onChange: (filters: TrackerFilters) => void
}

const statusOptions = HypothesisStatuses.map((value) => ({
  value,
  label: statusLabels[value],
  tone: `status-tone-${value}`,
}))
const verdictOptions = Verdicts.map((value) => ({
  value,
  label: verdictLabels[value],
  tone: `verdict-tone-${value}`,
}))

/** The filters and the order of the tracker; every change goes to the page URL. */
export function TrackerToolbar({ filters, boards, onChange }: TrackerToolbarProps) {
  const set = (change: Partial<TrackerFilters>) => onChange({ ...filters, ...change })
  const boardOptions = boards
    .map((board) => ({
      value: board.id,
      label: board.title || 'Untitled board',
      icon: <BoardBadge boardId={board.id} title={board.title} />,
    }))
    .sort((a, b) => a.label.localeCompare(b.label))

  return (
    <form
      className="tracker-toolbar"
      role="search"
      aria-label="Filter hypotheses"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="tracker-filters">
        <FilterMenu
          label="Status"
          options={statusOptions}
          selected={filters.status}
          onChange={(status) => set({ status })}
        />
        <FilterMenu
          label="Verdict"
          options={verdictOptions}
          selected={filters.verdict}
          onChange={(verdict) => set({ verdict })}
        />
        <FilterMenu
          label="Board"
          options={boardOptions}
          selected={filters.board}
          onChange={(board) => set({ board })}
        />
        <label
          className={`button button-small filter-toggle${filters.overdue ? ' filter-toggle-on' : ''}`}
        >
          <input
            type="checkbox"
            role="switch"
            checked={filters.overdue}
            onChange={(event) => set({ overdue: event.target.checked })}
          />
          Overdue only
        </label>
        {hasFilters(filters) && (
          <button
            type="button"
            className="tracker-clear"
            onClick={() => onChange({ ...noFilters, sort: filters.sort })}
          >
            Clear filters
          </button>
        )}
      </div>
      <label className="tracker-sort">
        <span>Sort by</span>
        <select
          className="button button-small tracker-select"
          value={filters.sort}
          onChange={(event) => {
            const sort = TrackerSorts.find((s) => s === event.target.value)
            if (sort) set({ sort })
          }}
        >
          {TrackerSorts.map((sort: TrackerSort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
      </label>
    </form>
  )
}
