import type { CheckinBody, CheckinsView } from '../../shared/api/checkins.js'
import type { Checkin } from '../../shared/checkins/checkin.js'
import { setCadence } from '../../shared/checkins/checkinDoc.js'
import { planCheckin, readCheckinState } from '../../shared/checkins/checkinSubject.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import {
  editBoard,
  findCanvas,
  requireRoomFor,
  requireUnlocked,
  type FoundCanvas,
} from '../routes/boardDoc.js'

/** A hypothesis or a project (404 for another kind) and where its check-ins stand. */
export async function findCheckinCanvas(ctx: ServerContext, boardId: string, canvasId: string) {
  const found = await findCanvas(ctx, boardId, canvasId)
  const state = readCheckinState(found.content, found.map, ctx.now())
  if (!state) throw new ApiError('not_found', 'Only hypotheses and projects have check-ins')
  return { found, state }
}

/** The check-ins of a canvas as the API answers them. */
export function checkinsView(ctx: ServerContext, found: FoundCanvas): CheckinsView {
  const { checkins, cadenceDays, standing, since } = readCheckinState(
    found.content,
    found.map,
    ctx.now(),
  )!
  return { checkins, cadenceDays, standing, since }
}

/** Refused with 423 while locked, 409 when no check-in can be recorded, 413 when full. */
async function findToEdit(ctx: ServerContext, boardId: string, canvasId: string, bytes: number) {
  const { found, state } = await findCheckinCanvas(ctx, boardId, canvasId)
  await requireUnlocked(ctx, found.room, canvasId)
  if (state.refusal) throw new ApiError('conflict', state.refusal)
  requireRoomFor(found.room, bytes)
  return found
}

/** Records a check-in in one stored edit; answers with it and the check-ins now. */
export function recordCheckin(
  ctx: ServerContext,
  boardId: string,
  canvasId: string,
  body: CheckinBody,
  by: string,
): Promise<CheckinsView & { checkin: Checkin }> {
  const bytes = (body.happened?.length ?? 0) + (body.next?.length ?? 0) + 2000
  return editBoard(async () => {
    const found = await findToEdit(ctx, boardId, canvasId, bytes)
    const plan = planCheckin(found.content, found.map, body, by, ctx.now())
    if (!plan.ok) throw new ApiError(plan.status, plan.message)
    await found.room.transact(plan.write)
    return { checkin: plan.checkin, ...checkinsView(ctx, found) }
  })
}

/** Sets the days between check-ins. */
export function setCheckinCadence(
  ctx: ServerContext,
  boardId: string,
  canvasId: string,
  days: number,
): Promise<CheckinsView> {
  return editBoard(async () => {
    const found = await findToEdit(ctx, boardId, canvasId, 100)
    await found.room.transact(() => setCadence(found.map, days))
    return checkinsView(ctx, found)
  })
}
