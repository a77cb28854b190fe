import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

export interface FilterOption<T extends string> {
  value: T
  label: string
  /** A class that colours the option's dot (pill colours). */
  tone?: string
  /** Shown before the label, such as a board's badge. */
  icon?: ReactNode
}

interface FilterMenuProps<T extends string> {
  /** The filter's name: "Status", "Verdict", "Board". */
  label: string
  options: FilterOption<T>[]
  selected: T[]
  onChange: (selected: T[]) => void
}

/** Summarises a selection for the button: "Running", "Running, Draft", "3 selected". */
function summary(selected: string[], options: FilterOption<string>[]): string | null {
  if (selected.length === 0) return null
  if (selected.length > 2) return `${selected.length} selected`
  return selected.map((value) => options.find((o) => o.value === value)?.label ?? value).join(', ')
}

/**
 * A button that opens a list of checkboxes, as in Linear's or Notion's filter bars. The
 * checkboxes are real form controls: Tab reaches them, Space toggles, Escape closes.
 */
export function FilterMenu<T extends string>({
  label,
  options,
  selected,
  onChange,
}: FilterMenuProps<T>) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const chosen = summary(selected, options)

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', closeOutside)
    return () => document.removeEventListener('pointerdown', closeOutside)
  }, [open])

  const toggle = (value: T, checked: boolean) => {
    const next = new Set(selected)
    if (checked) next.add(value)
    else next.delete(value)
    // Keep the options' order so the URL is the same whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((v) => next.has(v)))
  }

  return (
    <div
      className="filter-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          setOpen(false)
          button.current?.focus()
        } else if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
          // Arrows walk the options as in a native list; Tab still works as well.
          event.preventDefault()
          const boxes = [...(root.current?.querySelectorAll('input') ?? [])]
          const at = boxes.findIndex((box) => box === document.activeElement)
          const step = event.key === 'ArrowDown' ? 1 : -1
          boxes[Math.min(boxes.length - 1, Math.max(0, at + step))]?.focus()
        }
      }}
      onBlur={(event) => {
        // Tabbing past the last option closes the menu, as leaving a native select would.
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false)
      }}
    >
      <button
        ref={button}
        type="button"
        className={`filter-button${chosen ? ' filter-button-active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="filter-button-label">{label}</span>
        {chosen && <span className="filter-button-value">{chosen}</span>}
        <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
      {open && (
        <fieldset className="filter-panel" id={panelId}>
          <legend className="visually-hidden">{label}</legend>
          {options.length === 0 && <p className="filter-panel-empty">Nothing to choose yet</p>}
          {options.map((option) => (
            <label key={option.value} className="filter-option">
              <input
                type="checkbox"
                checked={selected.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              {option.tone && (
                <span className={`tracker-pill-dot ${option.tone}`} aria-hidden="true" />
              )}
              {option.icon}
              <span className="filter-option-label">{option.label}</span>
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="filter-panel-clear" onClick={() => onChange([])}>
              Clear {label.toLowerCase()}
            </button>
          )}
        </fieldset>
      )}
    </div>
  )
}
