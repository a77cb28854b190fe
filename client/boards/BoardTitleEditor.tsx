import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import './BoardTitleEditor.css'

interface BoardTitleEditorProps {
  initialTitle: string
  /** Resolves true when saved; the editor then closes. */
  onSave: (title: string) => Promise<boolean>
  onCancel: () => void
}

/**
 * Inline rename: Enter saves, Escape cancels. Leaving the field saves too, as in most
 * editors, so a typed title is not lost by clicking elsewhere.
 */
export function BoardTitleEditor({ initialTitle, onSave, onCancel }: BoardTitleEditorProps) {
  const [title, setTitle] = useState(initialTitle)
  const [saving, setSaving] = useState(false)
  // Refs, not state: Enter and the blur that follows it arrive before a re-render.
  const busy = useRef(false)
  const finished = useRef(false)
  const inputId = useId()

  const save = async () => {
    if (busy.current || finished.current) return
    const trimmed = title.trim()
    if (!trimmed || trimmed === initialTitle) return cancel()
    busy.current = true
    setSaving(true)
    try {
      if (await onSave(trimmed)) finished.current = true
    } finally {
      busy.current = false
      setSaving(false)
    }
  }

  const cancel = () => {
    finished.current = true
    onCancel()
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    cancel()
  }

  return (
    <form className="title-editor" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor={inputId}>
        Board title
      </label>
      <input
        id={inputId}
        className="input input-inline"
        value={title}
        maxLength={200}
        autoFocus
        readOnly={saving}
        aria-busy={saving}
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setTitle(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void save()}
        data-testid="board-title-input"
      />
    </form>
  )
}
