import { createUserId, useValue, type Editor } from 'tldraw'

/**
 * While the facilitator runs follow-me: "Following Ada · Stop" as this screen follows them, and
 * "Ada is leading · Follow again" once this person moved away, so they can rejoin at any time.
 */
export function FollowBanner({ editor, leaderId }: { editor: Editor; leaderId: string }) {
  const leader = createUserId(leaderId)
  const following = useValue(
    'following the leader',
    () => editor.getInstanceState().followingUserId === leader,
    [editor, leader],
  )
  const leaderName = useValue(
    'leader name',
    () => editor.getCollaborators().find((p) => p.userId === leader)?.userName || null,
    [editor, leader],
  )
  const present = leaderName !== null
  const name = leaderName || 'The facilitator'
  return (
    <div
      className="follow-banner"
      role="status"
      data-testid="follow-banner"
      data-following={following}
    >
      <span className="follow-banner-dot" aria-hidden="true" />
      {following ? (
        <>
          <span>
            Following <strong>{name}</strong>
          </span>
          <button
            type="button"
            className="follow-banner-action"
            data-testid="follow-stop"
            onClick={() => editor.stopFollowingUser()}
          >
            Stop
          </button>
        </>
      ) : (
        <>
          <span>
            <strong>{name}</strong> is leading the view
          </span>
          <button
            type="button"
            className="follow-banner-action"
            data-testid="follow-again"
            disabled={!present}
            title={present ? undefined : 'Waiting for them to show on this board'}
            onClick={() => editor.startFollowingUser(leader)}
          >
            Follow again
          </button>
        </>
      )}
    </div>
  )
}
