import { useEffect, useRef } from 'react'
import { Box, createUserId, useValue, type Editor } from 'tldraw'
import type { WorkshopState } from '../../shared/workshop/workshopState'

/**
 * Steers this screen's camera as the facilitator asks: a new summon zooms to the leader's view
 * once; while follow-me is on, the camera follows the leader's until this person moves away
 * (tldraw stops following then) or the facilitator ends it. The leader's own camera is left alone.
 */
export function useLeaderCamera(editor: Editor, state: WorkshopState | null, selfId: string) {
  // The summon already there when the page opened is history, not a call to come.
  const seenSummon = useRef<number | null | undefined>(undefined)
  const summon = state?.summon ?? null
  const summonLeader = summon?.leaderId ?? null
  const summonAt = summon?.at ?? null
  const summonPresent = usePresent(editor, summonLeader)

  useEffect(() => {
    if (state === null) return
    if (seenSummon.current === undefined) {
      seenSummon.current = summonAt
      return
    }
    if (summonAt === seenSummon.current || !summonLeader || !summonPresent) return
    seenSummon.current = summonAt
    if (summonLeader === selfId) return
    goToView(editor, summonLeader)
  }, [editor, state, summonAt, summonLeader, summonPresent, selfId])

  const leaderId = state?.follow?.leaderId ?? null
  const since = state?.follow?.since ?? null
  const leaderPresent = usePresent(editor, leaderId)
  // The follow session this screen already joined: once the person leaves it, it stays left.
  const joined = useRef<number | null>(null)

  useEffect(() => {
    if (!leaderId || since === null || leaderId === selfId) return
    const leader = createUserId(leaderId)
    if (joined.current !== since && leaderPresent) {
      editor.startFollowingUser(leader)
      if (editor.getInstanceState().followingUserId === leader) joined.current = since
    }
    return () => {
      if (editor.getInstanceState().followingUserId === leader) editor.stopFollowingUser()
    }
  }, [editor, leaderId, since, leaderPresent, selfId])
}

/** Whether the person's presence (their camera) is on this screen yet. */
function usePresent(editor: Editor, participantId: string | null): boolean {
  return useValue(
    'leader present',
    () => {
      if (!participantId) return false
      const userId = createUserId(participantId)
      return editor.getCollaborators().some((presence) => presence.userId === userId)
    },
    [editor, participantId],
  )
}

/** Shows what the person sees: their viewport, or where their cursor is if that is unknown. */
export function goToView(editor: Editor, participantId: string): void {
  const userId = createUserId(participantId)
  const presence = editor.getCollaborators().find((p) => p.userId === userId)
  if (!presence) return
  editor.stopFollowingUser()
  const { camera, screenBounds } = presence
  if (!camera || !screenBounds || presence.currentPageId !== editor.getCurrentPageId()) {
    editor.zoomToUser(userId)
    return
  }
  const view = new Box(-camera.x, -camera.y, screenBounds.w / camera.z, screenBounds.h / camera.z)
  editor.zoomToBounds(view, { inset: 0, animation: { duration: 400 } })
}
