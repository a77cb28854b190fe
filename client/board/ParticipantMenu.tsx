import type { ReactNode } from 'react'
import type { Participant } from '../sync/participants'
import { Menu, MenuItem, MenuLabel } from '../ui/Menu'

interface ParticipantMenuProps {
  participant: Participant
  facilitator: boolean
  onSelect?: (participant: Participant) => void
  onSetFacilitator: (participant: Participant, on: boolean) => void
  /** The avatar the menu opens from. */
  children: ReactNode
}

/** The owner's menu on someone's avatar: go to their view, hand them facilitation or take it back. */
export function ParticipantMenu(props: ParticipantMenuProps) {
  const { participant, facilitator, onSelect, onSetFacilitator, children } = props
  const { name } = participant.user
  return (
    <Menu
      label={name}
      align="end"
      trigger={
        <button
          type="button"
          className="avatar-button"
          title={facilitator ? `${name} · Facilitator` : name}
          aria-label={`${name}${facilitator ? ', facilitator' : ''}`}
        >
          {children}
        </button>
      }
    >
      <MenuLabel>{name}</MenuLabel>
      <MenuItem disabled={!onSelect} onSelect={() => onSelect?.(participant)}>
        Go to their view
      </MenuItem>
      <MenuItem
        testId="toggle-facilitator"
        onSelect={() => onSetFacilitator(participant, !facilitator)}
      >
        {facilitator ? 'Remove as facilitator' : 'Make facilitator'}
      </MenuItem>
    </Menu>
  )
}
