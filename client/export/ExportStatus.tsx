import { ErrorBanner } from '../ui/ErrorBanner'
import { useExportStatus } from './exportStatus'
import './ExportStatus.css'

/** Says that an export is being prepared, or why it failed, over the top of the board. */
export function ExportStatus() {
  const preparing = useExportStatus((s) => s.preparing)
  const error = useExportStatus((s) => s.error)
  const dismiss = useExportStatus((s) => s.dismiss)
  if (!preparing && !error) return null
  return (
    <div className="export-status" data-testid="export-status">
      {preparing && (
        <div className="export-status-preparing" role="status" aria-live="polite">
          <span className="export-status-spinner" aria-hidden="true" />
          {preparing}
        </div>
      )}
      {error && <ErrorBanner message={error} onDismiss={dismiss} />}
    </div>
  )
}
