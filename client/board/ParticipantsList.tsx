import type { Participant } from '../sync/participants'
import { Avatar } from './Avatar'

interface ParticipantsListProps {
  participants: Participant[]
  /** Jump to someone's view; absent until the editor is ready. */
  onSelect?: (participant: Participant) => void
  onEditSelf: () => void
}

/**
 * Everyone on the board, you first: your own chip shows your name and opens the name dialog;
 * the others are avatars that take you to their view.
 */
export function ParticipantsList({ participants, onSelect, onEditSelf }: ParticipantsListProps) {
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
          return (
            <li
              key={participant.clientId}
              className={isSelf ? 'participant-self' : 'participant-other'}
              data-testid="participant"
              data-self={isSelf}
              data-name={user.name}
              data-color={user.color}
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
              ) : (
                <button
                  type="button"
                  className="avatar-button"
                  title={user.name}
                  aria-label={`${user.name}: go to their view`}
                  onClick={() => onSelect?.(participant)}
                >
                  <Avatar name={user.name} color={user.color} />
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
