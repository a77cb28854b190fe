import { useEffect, useRef, useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { StepFieldCheck } from './stepFieldCheck'

interface StepNumberInputProps {
  'aria-label': string
  'data-testid': string
  /** The stored value as the map shows it. */
  shown: string
  /** Reads what was typed: the value to write, or why it cannot be written. */
  check: (text: string) => StepFieldCheck
  onCommit: (value: number) => void
  /** The id of the element the message is shown in, and telling it the message (or none). */
  messageId: string
  onMessage: (message: string | null) => void
  /** What the check depends on besides the text (the step's other time): a refused draft is
   * checked again when it changes, and written once it fits. */
  dependsOn: string
}

/**
 * A number of a step. What the person types is a draft until Enter or leaving the field; a
 * draft that cannot be written stays as typed, with the reason shown next to the field (and
 * nothing written), until it is corrected or Escape drops it. Other people's changes show
 * whenever there is no draft.
 */
export function StepNumberInput({
  shown,
  check,
  onCommit,
  messageId,
  onMessage,
  dependsOn,
  ...rest
}: StepNumberInputProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const [refused, setRefused] = useState(false)
  const cancelled = useRef(false)
  const input = useRef<HTMLInputElement>(null)

  const say = (message: string | null) => {
    setRefused(message !== null)
    onMessage(message)
  }
  const commit = (text: string) => {
    const result = check(text)
    if (!result.ok) return say(result.message)
    say(null)
    setDraft(null)
    if (text.trim() !== shown) onCommit(result.value)
  }

  // A process time typed before its lead time waits, with its message, for the lead time: once
  // the other time makes it fit, it is written as typed (and the message follows any change).
  useEffect(() => {
    if (!refused || draft === null || input.current === document.activeElement) return
    commit(draft)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when what it depends on changes
  }, [dependsOn])

  return (
    <input
      {...rest}
      ref={input}
      type="text"
      inputMode="decimal"
      className={refused ? 'is-invalid' : undefined}
      aria-invalid={refused || undefined}
      aria-describedby={refused ? messageId : undefined}
      value={draft ?? shown}
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape') {
          // The board may have taken the focus already on Escape: drop the draft here too.
          cancelled.current = true
          setDraft(null)
          say(null)
          event.currentTarget.blur()
        }
        // Enter leaves a value that fits (leaving writes it); a refused one keeps the focus.
        if (event.key === 'Enter' && draft !== null) {
          if (check(draft).ok) event.currentTarget.blur()
          else commit(draft)
        }
      }}
      onFocus={(event) => {
        cancelled.current = false
        if (draft === null) setDraft(event.currentTarget.value)
      }}
      onBlur={() => {
        if (cancelled.current) {
          setDraft(null)
          say(null)
        } else if (draft !== null) commit(draft)
      }}
      onChange={(event) => {
        setDraft(event.target.value)
        // A refusal shown follows the correction as it is typed.
        if (refused) {
          const result = check(event.target.value)
          say(result.ok ? null : result.message)
        }
      }}
    />
  )
}
