import type { Participant } from '../sync/participants'
import { Avatar } from './Avatar'
import { ParticipantMenu } from './ParticipantMenu'
import './ParticipantsList.css'

interface ParticipantsListProps {
  participants: Participant[]
  /** Jump to someone's view; absent until the editor is ready. */
  onSelect?: (participant: Participant) => void
  onEditSelf: () => void
  /** Who facilitates (by participant id), to mark them. */
  isFacilitator?: (participant: Participant) => boolean
  /** The owner's way to hand facilitation to someone and take it back. */
  onSetFacilitator?: (participant: Participant, on: boolean) => void
}

/**
 * Everyone on the board, you first: your own chip shows your name and opens the name dialog;
 * the others are avatars that take you to their view.
 */
export function ParticipantsList({
  participants,
  onSelect,
  onEditSelf,
  isFacilitator,
  onSetFacilitator,
}: ParticipantsListProps) {
  const others = participants.length - 1
  return (
    <div className="participants">
      <ul
        className="participants-list"
        aria-label="People on this board"
        data-testid="participants"
      >
        {participants.map((participant) => {
          const { user, isSelf } = participant
          const facilitator = isFacilitator?.(participant) ?? false
          const mark = facilitator && <FacilitatorMark />
          return (
            <li
              key={participant.clientId}
              className={isSelf ? 'participant-self' : 'participant-other'}
              data-testid="participant"
              data-self={isSelf}
              data-name={user.name}
              data-color={user.color}
              data-facilitator={facilitator}
            >
              {isSelf ? (
                <button
                  type="button"
                  className="self-chip"
                  onClick={onEditSelf}
                  aria-label={`You are ${user.name}. Change your name or colour`}
                  data-testid="edit-name"
                >
                  <Avatar name={user.name} color={user.color} size={24} />
                  <span className="self-chip-name">{user.name}</span>
                  {mark}
                  <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
                    <path
                      d="M13.6 3.4a2 2 0 0 1 2.8 2.8l-8.8 8.8-3.6.8.8-3.6 8.8-8.8Z"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="1.6"
                      strokeLinejoin="round"
                    />
                  </svg>
                </button>
              ) : onSetFacilitator ? (
                <ParticipantMenu
                  participant={participant}
                  facilitator={facilitator}
                  onSelect={onSelect}
                  onSetFacilitator={onSetFacilitator}
                >
                  <Avatar name={user.name} color={user.color} />
                  {mark}
                </ParticipantMenu>
              ) : (
                <button
                  type="button"
                  className="avatar-button"
                  title={facilitator ? `${user.name} · Facilitator` : user.name}
                  aria-label={`${user.name}${facilitator ? ', facilitator' : ''}: go to their view`}
                  onClick={() => onSelect?.(participant)}
                >
                  <Avatar name={user.name} color={user.color} />
                  {mark}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {others > 0 && (
        <span className="participants-count" aria-live="polite">
          {others === 1 ? '1 other here' : `${others} others here`}
        </span>
      )}
    </div>
  )
}

/** The small star on a facilitator's avatar. */
function FacilitatorMark() {
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
