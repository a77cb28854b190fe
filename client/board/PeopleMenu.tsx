import type { Participant } from '../sync/participants'
import { Menu, MenuItem, MenuLabel } from '../ui/Menu'
import { Avatar } from './Avatar'
import { ParticipantMarks } from './ParticipantMarks'
import { describeParticipant } from './participantRoles'

interface PeopleMenuProps {
  participants: Participant[]
  isFacilitator?: (participant: Participant) => boolean
  /** Jump to someone's view; absent until the editor is ready. */
  onSelect?: (participant: Participant) => void
}

/**
 * How many others are here, opening the roster of everyone with their role: readable however
 * many people the avatars stack up.
 */
export function PeopleMenu({ participants, isFacilitator, onSelect }: PeopleMenuProps) {
  const others = participants.length - 1
  if (others <= 0) return null
  return (
    <Menu
      label="People on this board"
      align="end"
      className="people-menu"
      trigger={
        <button type="button" className="participants-count" data-testid="people-button">
          <span aria-live="polite">{others === 1 ? '1 other here' : `${others} others here`}</span>
        </button>
      }
    >
      <MenuLabel>People on this board</MenuLabel>
      {participants.map((participant) => {
        const { user, isSelf } = participant
        const facilitator = isFacilitator?.(participant) ?? false
        return (
          <MenuItem
            key={participant.clientId}
            disabled={!onSelect}
            onSelect={() => {
              if (!isSelf) onSelect?.(participant)
            }}
          >
            <span
              className="people-row"
              data-testid="people-row"
              data-name={user.name}
              data-self={isSelf}
            >
              <span className="people-avatar">
                <Avatar name={user.name} color={user.color} size={24} />
                <ParticipantMarks owner={participant.owner} facilitator={facilitator} />
              </span>
              <span className="people-name">
                {user.name}
                {isSelf && <span className="people-you"> (you)</span>}
              </span>
              <span className="people-role" data-testid="people-role">
                {describeParticipant(participant, facilitator)}
              </span>
            </span>
          </MenuItem>
        )
      })}
    </Menu>
  )
}
