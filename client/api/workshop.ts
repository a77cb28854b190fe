import {
  MyVotesSchema,
  ServerTimeSchema,
  WorkshopResponseSchema,
  type MyVotes,
} from '../../shared/api/workshop'
import { ParticipantHeader } from '../../shared/workshop/participant'
import type { WorkshopAction, WorkshopState } from '../../shared/workshop/workshopState'
import { useUiStore } from '../state/uiStore'
import { apiRequest } from './client'

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`
const participant = () => ({ [ParticipantHeader]: useUiStore.getState().participantSecret })

/** The server clock, for one round trip. */
export async function serverTime(): Promise<number> {
  return (await apiRequest('/api/time', ServerTimeSchema)).now
}

/** A facilitator action; throws ApiError 403 without the role, 409 when it does not fit. */
export async function workshopAction(
  boardId: string,
  action: WorkshopAction,
): Promise<WorkshopState> {
  const res = await apiRequest(`${boardPath(boardId)}/workshop`, WorkshopResponseSchema, {
    method: 'POST',
    body: action,
    headers: participant(),
  })
  return res.state
}

/** This person's votes in the running vote. */
export function myVotes(boardId: string, signal?: AbortSignal): Promise<MyVotes> {
  return apiRequest(`${boardPath(boardId)}/votes/mine`, MyVotesSchema, {
    signal,
    headers: participant(),
  })
}

/** Casts one vote; `voteId` makes a retried request count once. */
export function castVote(boardId: string, itemId: string, voteId: string): Promise<MyVotes> {
  return apiRequest(`${boardPath(boardId)}/votes`, MyVotesSchema, {
    method: 'POST',
    body: { itemId, voteId },
    headers: participant(),
  })
}

/** Takes back one vote on an item. */
export function retractVote(boardId: string, itemId: string): Promise<MyVotes> {
  return apiRequest(`${boardPath(boardId)}/votes/${encodeURIComponent(itemId)}`, MyVotesSchema, {
    method: 'DELETE',
    headers: participant(),
  })
}

/** Where the workshop summary is served (a plain link; the key is added by the caller). */
export const workshopSummaryPath = (boardId: string) => `${boardPath(boardId)}/workshop/summary.md`
