import { canVote, useMyVotes, useWorkshopView } from './WorkshopView'

/** A floating counter of my votes left while a vote runs, with the latest refusal under it. */
export function VotesLeft() {
  const view = useWorkshopView()
  const mine = useMyVotes(view)
  const voting = view?.state?.voting
  if (!view || !voting || !canVote(view) || !mine) return null
  const { remaining } = mine
  return (
    <div className="votes-left-wrap" role="status" aria-live="polite">
      <div className="votes-left" data-testid="votes-left" data-remaining={remaining}>
        <span className="votes-left-dots" aria-hidden="true">
          {Array.from({ length: voting.votesPerPerson }, (_, i) => (
            <span key={i} className={i < remaining ? 'is-left' : ''} />
          ))}
        </span>
        <strong>{remaining}</strong> {remaining === 1 ? 'vote' : 'votes'} left
        {voting.onePerItem && <span className="votes-left-rule">· one per item</span>}
      </div>
      {mine.error && (
        <div className="votes-left-error" data-testid="vote-error" key={mine.error.at}>
          {mine.error.message}
        </div>
      )}
    </div>
  )
}
