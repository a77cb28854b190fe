import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { Participant } from '../sync/participants'

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
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const menuId = useId()
  const { name } = participant.user

  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  const choose = (action: () => void) => {
    setOpen(false)
    action()
  }

  return (
    <div
      className="participant-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          setOpen(false)
          root.current?.querySelector<HTMLButtonElement>('.avatar-button')?.focus()
        }
      }}
    >
      <button
        type="button"
        className="avatar-button"
        title={facilitator ? `${name} · Facilitator` : name}
        aria-label={`${name}${facilitator ? ', facilitator' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {children}
      </button>
      {open && (
        <div className="participant-menu-list" role="menu" id={menuId} aria-label={name}>
          <div className="participant-menu-name">{name}</div>
          <button
            type="button"
            role="menuitem"
            disabled={!onSelect}
            onClick={() => choose(() => onSelect?.(participant))}
          >
            Go to their view
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="toggle-facilitator"
            onClick={() => choose(() => onSetFacilitator(participant, !facilitator))}
          >
            {facilitator ? 'Remove as facilitator' : 'Make facilitator'}
          </button>
        </div>
      )}
    </div>
  )
}
