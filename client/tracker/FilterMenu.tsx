import type { ReactNode } from 'react'
import { Menu, MenuCheckboxItem, MenuItem, MenuSeparator } from '../ui/Menu'
import './FilterMenu.css'

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
 * A button that opens a list of ticks, as in Linear's or Notion's filter bars: the menu stays
 * open while options are ticked, and closes on Escape or a click outside.
 */
export function FilterMenu<T extends string>({
  label,
  options,
  selected,
  onChange,
}: FilterMenuProps<T>) {
  const chosen = summary(selected, options)

  const toggle = (value: T, checked: boolean) => {
    const next = new Set(selected)
    if (checked) next.add(value)
    else next.delete(value)
    // Keep the options' order so the URL is the same whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((v) => next.has(v)))
  }

  return (
    <Menu
      label={label}
      className="filter-panel"
      trigger={
        <button
          type="button"
          className={`button button-small filter-button${chosen ? ' filter-button-active' : ''}`}
        >
          <span className="filter-button-label">{label}</span>
          {chosen && <span className="filter-button-value">{chosen}</span>}
          <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
            <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
      }
    >
      {options.length === 0 && <p className="filter-panel-empty">Nothing to choose yet</p>}
      {options.map((option) => (
        <MenuCheckboxItem
          key={option.value}
          checked={selected.includes(option.value)}
          onCheckedChange={(checked) => toggle(option.value, checked)}
        >
          {option.tone && (
            <span className={`pill-dot tracker-pill-dot ${option.tone}`} aria-hidden="true" />
          )}
          {option.icon}
          <span className="filter-option-label">{option.label}</span>
        </MenuCheckboxItem>
      ))}
      {selected.length > 0 && (
        <>
          <MenuSeparator />
          <MenuItem className="filter-panel-clear" onSelect={() => onChange([])}>
            Clear {label.toLowerCase()}
          </MenuItem>
        </>
      )}
    </Menu>
  )
}
