import { useState } from 'react'
import type { Scope, StartVotingBody } from '../../shared/workshop/voting'
import { Dialog } from '../ui/Dialog'

interface VoteDialogProps {
  open: boolean
  /** The canvas or frame selected now, offered as the vote's scope. */
  selected: Scope | null
  onClose: () => void
  onStart: (voting: StartVotingBody) => void
}

/** Sets up a dot vote: on what, how many dots each, and whether one per item. */
export function VoteDialog({ open, selected, onClose, onStart }: VoteDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Start a dot vote" testId="vote-dialog">
      <VoteForm selected={selected} onClose={onClose} onStart={onStart} />
    </Dialog>
  )
}

function VoteForm({ selected, onClose, onStart }: Omit<VoteDialogProps, 'open'>) {
  const [where, setWhere] = useState<'board' | 'selected'>(selected ? 'selected' : 'board')
  const [votes, setVotes] = useState(3)
  const [onePerItem, setOnePerItem] = useState(false)
  const selectedName = selected?.kind === 'frame' ? 'Selected frame' : 'Selected canvas'

  return (
    <form
      className="vote-form"
      onSubmit={(event) => {
        event.preventDefault()
        const scope: Scope = where === 'selected' && selected ? selected : { kind: 'board' }
        onStart({ scope, votesPerPerson: votes, onePerItem })
      }}
    >
      <fieldset className="vote-form-scope">
        <legend>Vote on</legend>
        <label>
          <input
            type="radio"
            name="scope"
            checked={where === 'board'}
            onChange={() => setWhere('board')}
          />
          The whole board
        </label>
        <label className={selected ? undefined : 'is-disabled'}>
          <input
            type="radio"
            name="scope"
            disabled={!selected}
            checked={where === 'selected'}
            onChange={() => setWhere('selected')}
          />
          {selected ? selectedName : 'Selected canvas or frame (select one first)'}
        </label>
      </fieldset>
      <label className="vote-form-row">
        <span>Votes per person</span>
        <input
          className="input vote-form-number"
          type="number"
          min={1}
          max={20}
          value={votes}
          onChange={(e) =>
            setVotes(Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))
          }
        />
      </label>
      <label className="vote-form-check">
        <input
          type="checkbox"
          checked={onePerItem}
          onChange={(e) => setOnePerItem(e.target.checked)}
        />
        At most one vote per item
      </label>
      <p className="dialog-text">Votes stay anonymous until you end the vote.</p>
      <div className="dialog-actions">
        <button type="button" className="button button-small" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-small button-primary"
          data-testid="vote-start"
        >
          Start vote
        </button>
      </div>
    </form>
  )
}
