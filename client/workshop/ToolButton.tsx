import type { ReactNode } from 'react'

interface ToolButtonProps {
  /** The accessible name; also the tooltip unless `tooltip` says more. */
  label: string
  tooltip?: string
  icon: ReactNode
  text?: string
  pressed?: boolean
  disabled?: boolean
  testId?: string
  onClick: () => void
}

/** One button of the facilitator toolbar: an icon, an optional word, a tooltip on hover/focus. */
export function ToolButton(props: ToolButtonProps) {
  const { label, tooltip, icon, text, pressed, disabled, testId, onClick } = props
  return (
    <button
      type="button"
      className={`fac-button${text ? ' has-text' : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      data-tooltip={tooltip ?? label}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      {text && <span className="fac-button-text">{text}</span>}
    </button>
  )
}
