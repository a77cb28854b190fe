import { useState, type FormEvent, type Ref } from 'react'
import './CreateBoardForm.css'

interface CreateBoardFormProps {
  /** Resolves true when the board was created; failures are reported by the caller. */
  onCreate: (title: string) => Promise<boolean>
  inputRef?: Ref<HTMLInputElement>
}

/** Title input and create button; an empty title creates an "Untitled board". */
export function CreateBoardForm({ onCreate, inputRef }: CreateBoardFormProps) {
  const [title, setTitle] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    try {
      if (await onCreate(title.trim())) setTitle('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="create-form" onSubmit={submit} data-testid="create-board-form">
      <label className="visually-hidden" htmlFor="new-board-title">
        New board title
      </label>
      <input
        id="new-board-title"
        ref={inputRef}
        className="input"
        placeholder="New board title"
        value={title}
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
        data-testid="create-board-title"
      />
      <button className="button button-primary" type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create board'}
      </button>
    </form>
  )
}
