import { useId, useState } from 'react'
import { VersionNameLimit, type Version } from '../../shared/api/versions'
import { nameVersion } from '../api/versions'
import { historyErrorText } from './historyErrors'

/** "Name this version": keeps the board as it is now under a name (editors only). */
export function NameVersionForm({
  boardId,
  onNamed,
}: {
  boardId: string
  onNamed: (version: Version) => void
}) {
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()
  const errorId = useId()

  const submit = async () => {
    if (busy || name.trim() === '') return
    setBusy(true)
    setError(null)
    try {
      const version = await nameVersion(boardId, name)
      setName('')
      onNamed(version)
    } catch (e) {
      setError(historyErrorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="history-name-form"
      data-testid="name-version-form"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <label className="field-label" htmlFor={inputId}>
        Name this version
      </label>
      <div className="history-name-row">
        <input
          id={inputId}
          className="input"
          value={name}
          maxLength={VersionNameLimit}
          placeholder="Before the workshop"
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setName(event.target.value)
            setError(null)
          }}
        />
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={busy || name.trim() === ''}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      {error && (
        <p id={errorId} className="history-error" role="alert" data-testid="name-version-error">
          {error}
        </p>
      )}
    </form>
  )
}
