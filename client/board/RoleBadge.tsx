import type { Role } from '../../shared/api/links'

const RoleText: Record<Role, { label: string; can: string } | null> = {
  owner: null,
  edit: null,
  comment: { label: 'Can comment', can: 'You can vote, react and chat, but not change the board' },
  view: { label: 'View only', can: 'You can watch, follow the facilitator and chat' },
}

/** What this person's link lets them do, when it is less than editing; and if they facilitate. */
export function RoleBadge({ role, facilitating }: { role: Role | null; facilitating: boolean }) {
  const text = role ? RoleText[role] : null
  return (
    <>
      {text && (
        <span className="role-badge" data-testid="role-badge" title={text.can}>
          {text.label}
          <span className="visually-hidden">. {text.can}.</span>
        </span>
      )}
      {facilitating && role !== 'owner' && (
        <span
          className="role-badge role-badge-facilitator"
          data-testid="facilitator-badge"
          title="The owner made you a facilitator: you can run the timer, votes, locks and follow-me"
        >
          Facilitator
        </span>
      )}
    </>
  )
}
