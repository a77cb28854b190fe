import type { Editor } from 'tldraw'
import type { Version } from '../../shared/api/versions'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { useNow } from '../ui/useNow'
import type { OpenedVersion } from './useVersionBoard'
import { VersionEditor } from './VersionEditor'

interface VersionViewProps {
  boardId: string
  /** What the list says of the version; null until the list has it. */
  version: Version | null
  opened: OpenedVersion | null
  live: Editor
  canEdit: boolean
  /** The panel open at the side, the history's or the comparison's: the version leaves room. */
  beside: 'history' | 'comparison' | null
  onBack: () => void
  onRestore: () => void
  onCompareNow: () => void
}

/**
 * A version shown read-only in place of the live board, under a banner that says so, with the
 * way back (also Escape), restore and compare.
 */
export function VersionView({
  boardId,
  version,
  opened,
  live,
  canEdit,
  beside,
  onBack,
  onRestore,
  onCompareNow,
}: VersionViewProps) {
  const now = useNow()
  const name = version ? (version.name ? `“${version.name}”` : 'an automatic version') : 'a version'
  return (
    <section
      className={`version-view${beside === 'history' ? ' is-beside-panel' : beside === 'comparison' ? ' is-beside-diff' : ''}`}
      aria-label="Version, read-only"
      data-testid="version-view"
    >
      <div className="version-banner" role="status" data-testid="version-banner">
        <span className="version-banner-text">
          Viewing <strong>{name}</strong>
          {version && (
            <>
              {' · '}
              <time dateTime={version.createdAt} title={absoluteTime(version.createdAt)}>
                {relativeTime(version.createdAt, now)}
              </time>
            </>
          )}
          {' · '}read-only
        </span>
        <span className="version-banner-actions">
          <button
            type="button"
            className="button button-small button-primary"
            onClick={onBack}
            aria-keyshortcuts="Escape"
            title="Back to the live board (Esc)"
            data-testid="version-back"
          >
            Back to the live board
          </button>
          {canEdit && (
            <button
              type="button"
              className="button button-small"
              onClick={onRestore}
              disabled={opened?.status !== 'open'}
              data-testid="version-restore-open"
            >
              Restore this version…
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={onCompareNow}
            data-testid="version-compare-now-open"
          >
            Compare with now
          </button>
        </span>
      </div>
      <div className="version-board">
        {opened?.status === 'open' ? (
          <VersionEditor boardId={boardId} version={opened.board} live={live} />
        ) : opened?.status === 'failed' ? (
          <div className="version-message" role="alert" data-testid="version-error">
            <p>Could not open this version. {opened.error}</p>
            <button type="button" className="button button-small" onClick={opened.retry}>
              Retry
            </button>
          </div>
        ) : (
          <p className="version-message" role="status" data-testid="version-loading">
            Opening the version…
          </p>
        )}
      </div>
    </section>
  )
}
