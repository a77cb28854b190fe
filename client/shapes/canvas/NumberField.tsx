import { useRef, useState, type InputHTMLAttributes } from 'react'
import { stopEventPropagation } from 'tldraw'
import './NumberField.css'

interface NumberFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'min' | 'max'
> {
  value: number | null
  /** Called on Enter or leaving the field with a valid number, or null when emptied. */
  onCommit: (value: number | null) => void
  /** Whether an empty field means "no value" (null); otherwise emptying is not written. */
  nullable?: boolean
  min?: number
  max?: number
  /** How typed text reads as a number (plain decimals by default). */
  parseText?: (text: string) => number | undefined
  /** How a stored number is shown. */
  formatValue?: (value: number) => string
}

/**
 * A number input over a last-writer-wins value of the document. What the person types is a
 * draft until Enter or leaving the field (a half-typed "2" on the way to "2h" must not reach
 * everyone's figures); Escape drops it. Other people's changes show whenever it is not a draft.
 */
export function NumberField({
  value,
  onCommit,
  nullable = false,
  min,
  max,
  parseText = parseDecimal,
  formatValue = String,
  ...rest
}: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const cancelled = useRef(false)
  const shown = draft ?? (value === null ? '' : formatValue(value))
  const invalid = draft !== null && parse(draft, parseText, nullable, min, max) === undefined

  return (
    <input
      {...rest}
      type="text"
      inputMode="decimal"
      className={`${rest.className ?? ''}${invalid ? ' is-invalid' : ''}`}
      aria-invalid={invalid || undefined}
      value={shown}
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape') cancelled.current = true
        if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur()
      }}
      onFocus={(event) => {
        cancelled.current = false
        setDraft(event.currentTarget.value)
      }}
      onBlur={() => {
        const parsed = draft === null ? undefined : parse(draft, parseText, nullable, min, max)
        setDraft(null)
        if (!cancelled.current && parsed !== undefined && parsed !== value) onCommit(parsed)
      }}
      onChange={(event) => setDraft(event.target.value)}
    />
  )
}

function parseDecimal(text: string): number | undefined {
  const n = Number(text.trim().replace(',', '.'))
  return Number.isFinite(n) ? n : undefined
}

function parse(
  text: string,
  parseText: (text: string) => number | undefined,
  nullable: boolean,
  min?: number,
  max?: number,
): number | null | undefined {
  if (text.trim() === '') return nullable ? null : undefined
  const n = parseText(text)
  if (n === undefined) return undefined
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) return undefined
  return n
}
