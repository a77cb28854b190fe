import { useValue, type Editor } from 'tldraw'

/** "Following Ada · Stop" while this screen's camera follows someone. */
export function FollowBanner({ editor }: { editor: Editor }) {
  const leaderName = useValue(
    'following name',
    () => {
      const followingId = editor.getInstanceState().followingUserId
      if (!followingId) return null
      const leader = editor.getCollaborators().find((p) => p.userId === followingId)
      return leader?.userName || 'the facilitator'
    },
    [editor],
  )
  if (!leaderName) return null
  return (
    <div className="follow-banner" role="status" data-testid="follow-banner">
      <span className="follow-banner-dot" aria-hidden="true" />
      <span>
        Following <strong>{leaderName}</strong>
      </span>
      <span aria-hidden="true">·</span>
      <button
        type="button"
        className="follow-banner-stop"
        onClick={() => editor.stopFollowingUser()}
      >
        Stop
      </button>
    </div>
  )
}
