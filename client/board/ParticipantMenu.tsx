import type { ReactNode } from 'react'
import type { Participant } from '../sync/participants'
import { Menu, MenuItem, MenuLabel } from '../ui/Menu'
import { describeParticipant, isKnownPerson } from './participantRoles'

interface ParticipantMenuProps {
  participant: Participant
  facilitator: boolean
  onSelect?: (participant: Participant) => void
  /** The owner's way to hand facilitation to someone and take it back. */
  onSetFacilitator?: (participant: Participant, on: boolean) => void
  /** The avatar the menu opens from. */
  children: ReactNode
}

/**
 * The menu on someone's avatar: who they are and what they may do, go to their view, and for
 * the owner, hand them facilitation or take it back.
 */
export function ParticipantMenu(props: ParticipantMenuProps) {
  const { participant, facilitator, onSelect, onSetFacilitator, children } = props
  const { name } = participant.user
  const described = describeParticipant(participant, facilitator)
  // Facilitation goes to a person known by their secret, never to a guest without one.
  const canHandOver = onSetFacilitator && !participant.owner && isKnownPerson(participant)
  return (
    <Menu
      label={name}
      align="end"
      trigger={
        <button
          type="button"
          className="avatar-button"
          title={described ? `${name} · ${described}` : name}
          aria-label={described ? `${name}, ${described}` : name}
        >
          {children}
        </button>
      }
    >
      <MenuLabel>
        <span className="participant-menu-name">{name}</span>
        {described && (
          <span className="participant-menu-role" data-testid="participant-role-detail">
            {described}
          </span>
        )}
      </MenuLabel>
      <MenuItem disabled={!onSelect} onSelect={() => onSelect?.(participant)}>
        Go to their view
      </MenuItem>
      {canHandOver && (
        <MenuItem
          testId="toggle-facilitator"
          onSelect={() => onSetFacilitator(participant, !facilitator)}
        >
          {facilitator ? 'Remove as facilitator' : 'Make facilitator'}
        </MenuItem>
      )}
    </Menu>
  )
}
