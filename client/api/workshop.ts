import {
  MyVotesSchema,
  ServerTimeSchema,
  WorkshopResponseSchema,
  type MyVotes,
} from '../../shared/api/workshop'
import { ParticipantHeader } from '../../shared/workshop/participant'
import type { WorkshopAction, WorkshopState } from '../../shared/workshop/workshopState'
import { useUiStore } from '../state/uiStore'
import { answer, api, withKey } from './client'

const board = api.boards[':boardId']
const participant = () => ({ [ParticipantHeader]: useUiStore.getState().participantSecret })

/** The server clock, for one round trip. */
export async function serverTime(): Promise<number> {
  return (await answer(api.time.$get(), ServerTimeSchema)).now
}

/** A facilitator action; throws ApiError 403 without the role, 409 when it does not fit. */
export async function workshopAction(
  boardId: string,
  action: WorkshopAction,
): Promise<WorkshopState> {
  const call = board.workshop.$post(
    { param: { boardId }, header: participant(), json: action },
    withKey(boardId),
  )
  return (await answer(call, WorkshopResponseSchema)).state
}

/** This person's votes in the running vote. */
export function myVotes(boardId: string, signal?: AbortSignal): Promise<MyVotes> {
  const call = board.votes.mine.$get(
    { param: { boardId }, header: participant() },
    withKey(boardId, { signal }),
  )
  return answer(call, MyVotesSchema)
}

/** Casts one vote; `voteId` makes a retried request count once. */
export function castVote(boardId: string, itemId: string, voteId: string): Promise<MyVotes> {
  const call = board.votes.$post(
    {
      param: { boardId },
      header: participant(),
      json: { itemId, voteId },
    },
    withKey(boardId),
  )
  return answer(call, MyVotesSchema)
}

/** Takes back one vote on an item. */
export function retractVote(boardId: string, itemId: string): Promise<MyVotes> {
  const call = board.votes[':itemId'].$delete(
    {
      param: { boardId, itemId: encodeURIComponent(itemId) },
      header: participant(),
    },
    withKey(boardId),
  )
  return answer(call, MyVotesSchema)
}

/** Where the workshop summary is served (a plain link; the key is added by the caller). */
export const workshopSummaryPath = (boardId: string) =>
  board.workshop['summary.md'].$path({ param: { boardId } })
