import { useState, type InputHTMLAttributes } from 'react'
import { stopEventPropagation } from 'tldraw'

interface NumberFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'min' | 'max'
> {
  value: number | null
  /** Called with every valid number typed (figures update live), or null when emptied. */
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
 * A number input over a last-writer-wins value of the document. While the person types, what
 * they typed is shown (an intermediate "1." or "" is not a number yet); other people's changes
 * show as soon as the field is not being edited.
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
        if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur()
      }}
      onFocus={(event) => setDraft(event.currentTarget.value)}
      onBlur={() => setDraft(null)}
      onChange={(event) => {
        setDraft(event.target.value)
        const parsed = parse(event.target.value, parseText, nullable, min, max)
        if (parsed !== undefined && parsed !== value) onCommit(parsed)
      }}
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
