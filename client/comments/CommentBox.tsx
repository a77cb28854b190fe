import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { CommentLimits } from '../../shared/comments/comments'
import { commentErrorText } from './commentErrors'
import {
  insertMention,
  matchingPeople,
  mentionQueryAt,
  mentionsIn,
  type Mentionable,
} from './mentions'

interface CommentBoxProps {
  /** Accessible name of the text box. */
  label: string
  placeholder: string
  submitLabel: string
  people: readonly Mentionable[]
  initialText?: string
  /** Saves the comment; a rejection keeps the text and shows why. */
  onSubmit: (text: string, mentions: string[]) => Promise<unknown>
  onCancel?: () => void
  autoFocus?: boolean
  testId?: string
}

/**
 * A comment's text box: `@` suggests the board's people (↑ ↓ to choose, Enter or Tab to take),
 * Ctrl/⌘ Enter sends, Escape cancels. The text is cleared only once the server saved it.
 */
export function CommentBox({
  label,
  placeholder,
  submitLabel,
  people,
  initialText = '',
  onSubmit,
  onCancel,
  autoFocus = false,
  testId,
}: CommentBoxProps) {
  const [text, setText] = useState(initialText)
  const [caret, setCaret] = useState(initialText.length)
  const [chosen, setChosen] = useState<Mentionable[]>([])
  const [active, setActive] = useState(0)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  const listId = useId()

  const query = mentionQueryAt(text, caret)
  const suggestions =
    query && query.start !== dismissedAt ? matchingPeople(people, query.query) : []
  const open = suggestions.length > 0

  const take = (person: Mentionable) => {
    if (!query) return
    const next = insertMention(text, query.start, caret, person)
    setText(next.text)
    setCaret(next.caret)
    setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]))
    setActive(0)
    requestAnimationFrame(() => field.current?.setSelectionRange(next.caret, next.caret))
  }

  const submit = async () => {
    const trimmed = text.trim()
    if (!trimmed || sending) return
    setSending(true)
    setError(null)
    try {
      await onSubmit(trimmed, mentionsIn(trimmed, chosen))
      setText('')
      setCaret(0)
      setChosen([])
    } catch (e) {
      setError(commentErrorText(e))
    } finally {
      setSending(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActive((i) => (i + step + suggestions.length) % suggestions.length)
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        take(suggestions[Math.min(active, suggestions.length - 1)]!)
        return
      }
      if (event.key === 'Escape') {
        // Closes the suggestions only, not the thread around the box.
        event.preventDefault()
        event.stopPropagation()
        setDismissedAt(query?.start ?? null)
        return
      }
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault()
      void submit()
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
    }
  }

  return (
    <form
      className="comment-box"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div className="comment-box-field">
        <textarea
          ref={field}
          className="input comment-box-text"
          aria-label={label}
          placeholder={placeholder}
          value={text}
          rows={2}
          maxLength={CommentLimits.text}
          autoFocus={autoFocus}
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(event) => {
            setText(event.target.value)
            setCaret(event.target.selectionStart)
            setDismissedAt(null)
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
        />
        {open && (
          <ul className="mention-list" id={listId} role="listbox" aria-label="People to mention">
            {suggestions.map((person, i) => (
              <li
                key={person.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="mention-option"
                data-testid="mention-option"
                onPointerDown={(event) => {
                  event.preventDefault()
                  take(person)
                }}
              >
                @{person.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p className="comment-error" role="alert" data-testid="comment-error">
          {error}
        </p>
      )}
      <div className="comment-box-actions">
        {onCancel && (
          <button type="button" className="button button-small button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={sending || text.trim() === ''}
        >
          {sending ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  )
}
