import './ErrorBanner.css'

interface ErrorBannerProps {
  message: string
  onDismiss?: () => void
  action?: { label: string; onClick: () => void }
}

/** An error announced to screen readers, with an optional retry and dismiss. */
export function ErrorBanner({ message, onDismiss, action }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-banner-message">{message}</span>
      {action && (
        <button type="button" className="button button-small" onClick={action.onClick}>
          {action.label}
        </button>
      )}
      {onDismiss && (
        <button
          type="button"
          className="icon-button"
          onClick={onDismiss}
          aria-label="Dismiss error"
        >
          ×
        </button>
      )}
    </div>
  )
}
