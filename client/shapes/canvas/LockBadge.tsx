/** Tells everyone why a canvas or frame does not take edits. */
export function LockBadge({ what }: { what: 'canvas' | 'frame' }) {
  return (
    <div
      className="pill canvas-lock-badge"
      data-testid={`${what}-lock-badge`}
      title={`The facilitator locked this ${what}`}
    >
      <svg viewBox="0 0 20 20" width="13" height="13" aria-hidden="true">
        <rect x="4.5" y="9" width="11" height="8" rx="1.8" fill="currentColor" />
        <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      Locked
    </div>
  )
}
