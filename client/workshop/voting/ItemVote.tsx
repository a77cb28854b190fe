import type { KeyboardEvent, PointerEvent, SyntheticEvent } from 'react'
import { canVote, useMyVotes, useWorkshopView } from './WorkshopView'
import './voting.css'

/**
 * The votes on one item: while a vote runs, my dots (click one to take it back) and a button
 * to add one; once it ended, the item's count. Nothing for items outside the vote.
 *
 * The controls are spans with a button role rather than buttons: commenters see canvases in a
 * disabled fieldset, which would disable real buttons, yet commenters vote.
 */
export function ItemVote({ itemId, label }: { itemId: string; label: string }) {
  const view = useWorkshopView()
  const mine = useMyVotes(view)
  const voting = view?.state?.voting
  if (!view || !voting) return null

  if (voting.status === 'closed') {
    const result = voting.results?.find((r) => r.itemId === itemId)
    if (!result) return null
    return (
      <span
        className={`item-vote-count${result.votes === 0 ? ' is-zero' : ''}`}
        data-testid="item-vote-count"
        data-item-id={itemId}
        title={`${result.votes} vote${result.votes === 1 ? '' : 's'}`}
      >
        {result.votes}
      </span>
    )
  }

  if (!canVote(view) || !view.votableIds.has(itemId)) return null
  const myDots = mine?.mine.filter((id) => id === itemId).length ?? 0
  const full = (mine?.remaining ?? 0) <= 0
  return (
    <span className="item-vote" data-testid="item-vote" data-item-id={itemId} onPointerDown={stop}>
      {Array.from({ length: myDots }, (_, i) => (
        <span
          key={i}
          role="button"
          tabIndex={0}
          className="item-vote-dot"
          data-testid="my-vote-dot"
          aria-label={`Take back a vote from ${label}`}
          title="Take back this vote"
          onClick={(event) => {
            stop(event)
            void view.voting.retract(itemId)
          }}
          onKeyDown={activate(() => void view.voting.retract(itemId))}
        />
      ))}
      <span
        role="button"
        tabIndex={0}
        className={`item-vote-add${full ? ' is-full' : ''}`}
        data-testid="vote-button"
        aria-label={`Vote for ${label}`}
        title={full ? 'No votes left' : 'Vote for this'}
        onClick={(event) => {
          stop(event)
          view.voting.cast(itemId)
        }}
        onKeyDown={activate(() => view.voting.cast(itemId))}
      >
        +
      </span>
    </span>
  )
}

const stop = (event: SyntheticEvent | PointerEvent) => event.stopPropagation()

/** Enter or Space on a span with a button role acts like a click. */
const activate = (act: () => void) => (event: KeyboardEvent) => {
  event.stopPropagation()
  if (event.key !== 'Enter' && event.key !== ' ') return
  event.preventDefault()
  act()
}
