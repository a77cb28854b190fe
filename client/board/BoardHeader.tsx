import { useState, type ReactNode } from 'react'
import { Link } from '../app/router'
import type { ConnectionStatus } from '../sync/connectionStatus'
import type { Participant } from '../sync/participants'
import { Logo } from '../ui/Logo'
import { ConnectionIndicator } from './ConnectionIndicator'
import { NameDialog } from './NameDialog'
import { ParticipantsList } from './ParticipantsList'
import './BoardHeader.css'

interface BoardHeaderProps {
  title: string | null
  /** The title as shown, when it is more than text (renamed in place); `title` otherwise. */
  titleElement?: ReactNode
  status: ConnectionStatus
  /** Makes the status a button, for a status that asks the person to decide something. */
  onStatusOpen?: () => void
  participants: Participant[]
  onSelectParticipant?: (participant: Participant) => void
  /** Board actions (templates, import, download), once the editor is ready. */
  actions?: ReactNode
  /** The action that must stay in view however crowded the header is (the owner's Share). */
  mainAction?: ReactNode
  /** Who facilitates, to mark them in the participants list. */
  isFacilitator?: (participant: Participant) => boolean
  /** The owner hands facilitation over (and takes it back) from the participants list. */
  onSetFacilitator?: (participant: Participant, on: boolean) => void
}

/** The bar above the canvas: back to the list, the title, the connection and who is here. */
export function BoardHeader({
  title,
  titleElement,
  status,
  onStatusOpen,
  participants,
  onSelectParticipant,
  actions,
  mainAction,
  isFacilitator,
  onSetFacilitator,
}: BoardHeaderProps) {
  const [nameOpen, setNameOpen] = useState(false)

  return (
    <header className="board-header">
      <div className="board-header-start">
        <Link to="/" className="back-link" aria-label="All boards" data-testid="back-to-boards">
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path
              d="M12 4 6 10l6 6"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <Logo size={22} />
        </Link>
        {titleElement ?? (
          <h1 className="board-title" data-testid="board-title" title={title ?? undefined}>
            {title ?? <span className="board-title-placeholder">Board</span>}
          </h1>
        )}
        <div className="board-header-actions">{actions}</div>
      </div>
      <div className="board-header-end">
        {mainAction}
        <ConnectionIndicator status={status} onOpen={onStatusOpen} />
        <ParticipantsList
          participants={participants}
          onSelect={onSelectParticipant}
          onEditSelf={() => setNameOpen(true)}
          isFacilitator={isFacilitator}
          onSetFacilitator={onSetFacilitator}
        />
      </div>
      <NameDialog open={nameOpen} onClose={() => setNameOpen(false)} />
    </header>
  )
}
