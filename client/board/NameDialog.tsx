import { useId, useState, type FormEvent } from 'react'
import { MaxNameLength, useUiStore } from '../state/uiStore'
import { UserColors } from '../state/identity'
import { Dialog } from '../ui/Dialog'
import { Avatar } from './Avatar'
import './NameDialog.css'

interface NameDialogProps {
  open: boolean
  onClose: () => void
}

/** Sets the name and colour others see; remembered in this browser. */
export function NameDialog({ open, onClose }: NameDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="How others see you" testId="name-dialog">
      <NameForm onDone={onClose} />
    </Dialog>
  )
}

function NameForm({ onDone }: { onDone: () => void }) {
  const current = useUiStore()
  const [name, setName] = useState(current.name)
  const [color, setColor] = useState(current.color)
  const nameId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    current.setName(name)
    current.setColor(color)
    onDone()
  }

  return (
    <form onSubmit={submit} className="name-form">
      <div className="name-preview">
        <Avatar name={name || '?'} color={color} size={44} />
      </div>
      <label className="field-label" htmlFor={nameId}>
        Display name
      </label>
      <input
        id={nameId}
        className="input"
        value={name}
        maxLength={MaxNameLength}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setName(event.target.value)}
        data-testid="name-input"
      />
      <fieldset className="color-picker">
        <legend className="field-label">Colour</legend>
        {UserColors.map((option) => (
          <label key={option} className="color-swatch" style={{ backgroundColor: option }}>
            <input
              type="radio"
              name="color"
              value={option}
              checked={color === option}
              onChange={() => setColor(option)}
              aria-label={`Colour ${option}`}
            />
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="save-name">
          Save
        </button>
      </div>
    </form>
  )
}
