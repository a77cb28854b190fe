import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import type { Role } from '../../shared/api/links'
import { isFacilitator } from '../../shared/workshop/workshopState'
import { FacilitatorToolbar } from './FacilitatorToolbar'
import { FollowBanner } from './FollowBanner'
import { ShapeLocks } from './ShapeLocks'
import { TimerDisplay } from './TimerDisplay'
import { useLeaderCamera } from './useLeaderCamera'
import { useWorkshopState } from './useWorkshop'
import { InWorkshopStrip } from './WorkshopStrip'
import type { WorkshopSync } from './WorkshopSync'
import './workshop.css'

interface FacilitationOverlayProps {
  boardId: string
  editor: Editor
  workshop: WorkshopSync
  role: Role | null
  selfId: string
  /** The workshop strip above the canvas, where the tools, timer and follow-me show. */
  strip: HTMLElement | null
}

/**
 * The workshop over the canvas: the facilitator's toolbar (for facilitators), the shared timer
 * and the follow banner (for everyone), and the camera and lock rules the facilitator sets.
 */
export function FacilitationOverlay({
  boardId,
  editor,
  workshop,
  role,
  selfId,
  strip,
}: FacilitationOverlayProps) {
  const state = useWorkshopState(workshop)
  useLeaderCamera(editor, state, selfId)

  useEffect(() => {
    const locks = new ShapeLocks(editor, () => workshop.getState()?.locks ?? [])
    let last = workshop.getState()?.locks
    const stop = workshop.subscribe(() => {
      const now = workshop.getState()?.locks
      if (now === last) return
      last = now
      locks.locksChanged()
    })
    return () => {
      stop()
      locks.dispose()
    }
  }, [editor, workshop])

  const facilitating =
    state !== null && isFacilitator(state, { participantId: selfId, isOwner: role === 'owner' })
  const leaderId = state?.follow?.leaderId ?? null
  const timerShown = state !== null && !facilitating && state.timer.status !== 'idle'
  const followShown = leaderId !== null && leaderId !== selfId
  if (!facilitating && !timerShown && !followShown) return null

  return (
    <InWorkshopStrip slot={strip}>
      <div className="facilitation-overlay">
        {state && facilitating && (
          <FacilitatorToolbar
            boardId={boardId}
            editor={editor}
            workshop={workshop}
            state={state}
            selfId={selfId}
          />
        )}
        {state && timerShown && <TimerDisplay workshop={workshop} timer={state.timer} />}
        {followShown && <FollowBanner editor={editor} leaderId={leaderId} />}
      </div>
    </InWorkshopStrip>
  )
}
