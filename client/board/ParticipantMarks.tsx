/** The small crown on the owner's avatar, which everyone sees. */
export function OwnerMark() {
  return (
    <span className="owner-mark" title="Owner, facilitates" data-testid="owner-mark">
      <svg viewBox="0 0 20 14" width="15" height="11" aria-hidden="true">
        <path d="M1.5 3.5 6 7.5 10 1.5l4 6 4.5-4-2 9.5h-13l-2-9.5Z" fill="currentColor" />
      </svg>
      <span className="visually-hidden">Owner</span>
    </span>
  )
}

/** The small star on a facilitator's avatar. */
export function FacilitatorMark() {
  return (
    <span className="facilitator-mark" title="Facilitator" data-testid="facilitator-mark">
      <svg viewBox="0 0 20 20" width="10" height="10" aria-hidden="true">
        <path
          d="m10 2 2.4 4.9 5.4.8-3.9 3.8.9 5.4L10 14.3l-4.8 2.6.9-5.4-3.9-3.8 5.4-.8L10 2Z"
          fill="currentColor"
        />
      </svg>
      <span className="visually-hidden">Facilitator</span>
    </span>
  )
}

/**
 * The mark on someone's avatar: the owner's crown, or the star of someone the owner made a
 * facilitator (the owner always facilitates, so the crown says both).
 */
export function ParticipantMarks({ owner, facilitator }: { owner: boolean; facilitator: boolean }) {
  if (owner) return <OwnerMark />
  return facilitator ? <FacilitatorMark /> : null
}
