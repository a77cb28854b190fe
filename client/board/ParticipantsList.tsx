import type { Participant } from '../sync/participants'
import { Avatar } from './Avatar'
import { ParticipantMenu } from './ParticipantMenu'
import { ParticipantMarks } from './ParticipantMarks'
import { PeopleMenu } from './PeopleMenu'
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
 * the others are avatars, each opening a menu that says their role and takes you to their
 * view, and the count of others opens the roster with everyone's role. The owner's crown and
 * the facilitators' star show to everyone; roles and the crown come only from what the server
 * set on each person's presence.
 */
export function ParticipantsList({
  participants,
  onSelect,
  onEditSelf,
  isFacilitator,
  onSetFacilitator,
}: ParticipantsListProps) {
  return (
    // With a few people here your own name gives way to theirs: your avatar still opens the dialog.
    <div className="participants" data-crowded={participants.length > 3}>
      <ul
        className="participants-list"
        aria-label="People on this board"
        data-testid="participants"
      >
        {participants.map((participant) => {
          const { user, isSelf } = participant
          const facilitator = isFacilitator?.(participant) ?? false
          const marks = <ParticipantMarks owner={participant.owner} facilitator={facilitator} />
          return (
            <li
              key={participant.clientId}
              className={isSelf ? 'participant-self' : 'participant-other'}
              data-testid="participant"
              data-self={isSelf}
              data-name={user.name}
              data-color={user.color}
              data-role={participant.role ?? ''}
              data-owner={participant.owner}
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
                  {marks}
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
                <ParticipantMenu
                  participant={participant}
                  facilitator={facilitator}
                  onSelect={onSelect}
                  onSetFacilitator={onSetFacilitator}
                >
                  <Avatar name={user.name} color={user.color} />
                  {marks}
                </ParticipantMenu>
              )}
            </li>
          )
        })}
      </ul>
      <PeopleMenu participants={participants} isFacilitator={isFacilitator} onSelect={onSelect} />
    </div>
  )
}
