import { useEffect, useRef, type ReactNode } from 'react'
import type { Version } from '../../shared/api/versions'
import { Menu, MenuItem, MenuSeparator } from '../ui/Menu'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { useNow } from '../ui/useNow'
import { NameVersionForm } from './NameVersionForm'
import type { VersionsState } from './useVersions'
import { peopleText, versionTitle } from './versionLabels'

interface HistoryPanelProps {
  boardId: string
  versions: VersionsState
  onReload: () => void
  /** Editors name and restore versions; everyone else reads the list and opens versions. */
  canEdit: boolean
  /** The version open read-only, if any. */
  viewing: string | null
  onOpen: (version: Version) => void
  onRestore: (version: Version) => void
  /** Compare two states: a version with now, or the version before this one with it. */
  onCompare: (from: Version, to: Version | 'now') => void
  onNamed: (version: Version) => void
  onClose: () => void
  /** What the last restore did, and how to undo it. */
  notice?: ReactNode
}

/**
 * The board's versions, newest first: named and automatic, when, who named it and who took part.
 * A click (or Enter) opens one read-only; each row's menu restores or compares it. Escape
 * closes the panel (or, while a version is open, goes back to the live board).
 */
export function HistoryPanel({
  boardId,
  versions,
  onReload,
  canEdit,
  viewing,
  onOpen,
  onRestore,
  onCompare,
  onNamed,
  onClose,
  notice,
}: HistoryPanelProps) {
  const now = useNow()
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('input, [data-testid="version-open"]')?.focus()
  }, [])
  const list = 'versions' in versions ? versions.versions : null

  return (
    <aside
      ref={panel}
      className="history-panel"
      aria-label="Version history"
      data-testid="history-panel"
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        // Keys typed in the panel are the panel's: the board must not take them as shortcuts.
        event.stopPropagation()
        if (event.key === 'Escape' && !event.defaultPrevented) onClose()
      }}
    >
      <header className="history-panel-header">
        <h2>History</h2>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label="Close version history"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {canEdit ? (
        <NameVersionForm boardId={boardId} onNamed={onNamed} />
      ) : (
        <p className="history-hint" data-testid="history-view-only">
          Your link can view this board: you can open versions and compare them, but not name or
          restore them.
        </p>
      )}
      {notice}
      {versions.status === 'failed' && (
        <div className="history-failed" role="alert" data-testid="history-error">
          <span>Could not load the history. {versions.error}</span>
          <button type="button" className="button button-small" onClick={onReload}>
            Retry
          </button>
        </div>
      )}
      {list === null ? (
        versions.status !== 'failed' && (
          <p className="history-empty" role="status" data-testid="history-loading">
            Loading versions…
          </p>
        )
      ) : list.length === 0 ? (
        <p className="history-empty" data-testid="history-empty">
          No versions yet: one is kept every 10 minutes while people edit, and one when the last
          person leaves.{canEdit && ' Name one above to keep the board as it is now.'}
        </p>
      ) : (
        <ul
          className="history-list"
          aria-label="Versions, newest first"
          aria-busy={versions.status === 'loading'}
        >
          {list.map((version, index) => (
            <VersionRow
              key={version.id}
              version={version}
              previous={list[index + 1] ?? null}
              now={now}
              open={viewing === version.id}
              canEdit={canEdit}
              onOpen={onOpen}
              onRestore={onRestore}
              onCompare={onCompare}
            />
          ))}
        </ul>
      )}
    </aside>
  )
}

function VersionRow({
  version,
  previous,
  now,
  open,
  canEdit,
  onOpen,
  onRestore,
  onCompare,
}: {
  version: Version
  /** The version taken just before, to compare with. */
  previous: Version | null
  now: number
  open: boolean
  canEdit: boolean
  onOpen: (version: Version) => void
  onRestore: (version: Version) => void
  onCompare: (from: Version, to: Version | 'now') => void
}) {
  const title = versionTitle(version)
  return (
    <li
      className={`history-item${open ? ' is-open' : ''}`}
      data-testid="version-item"
      data-version-id={version.id}
      data-automatic={version.automatic}
    >
      <button
        type="button"
        className="history-item-open"
        data-testid="version-open"
        aria-current={open ? 'true' : undefined}
        aria-label={`Open ${title}, ${relativeTime(version.createdAt, now)}, read-only`}
        onClick={() => onOpen(version)}
      >
        <span className={`history-item-title${version.automatic ? ' is-automatic' : ''}`}>
          <span data-testid="version-title">{title}</span>
        </span>
        <span className="history-item-meta">
          <time dateTime={version.createdAt} title={absoluteTime(version.createdAt)}>
            {relativeTime(version.createdAt, now)}
          </time>
          {version.createdBy && <span> · named by {version.createdBy}</span>}
        </span>
        {version.participants.length > 0 && (
          <span className="history-item-people" title={version.participants.join(', ')}>
            With {peopleText(version.participants)}
          </span>
        )}
      </button>
      <Menu
        label={`${title} actions`}
        align="end"
        trigger={
          <button
            type="button"
            className="icon-button history-item-more"
            aria-label={`More for ${title}`}
            data-testid="version-menu"
          >
            ⋯
          </button>
        }
      >
        <MenuItem onSelect={() => onOpen(version)}>Open read-only</MenuItem>
        {canEdit && (
          <MenuItem onSelect={() => onRestore(version)} testId="version-restore">
            Restore…
          </MenuItem>
        )}
        <MenuSeparator />
        <MenuItem onSelect={() => onCompare(version, 'now')} testId="version-compare-now">
          Compare with now
        </MenuItem>
        <MenuItem
          onSelect={() => previous && onCompare(previous, version)}
          disabled={previous === null}
          testId="version-compare-previous"
        >
          Compare with previous
        </MenuItem>
      </Menu>
    </li>
  )
}
