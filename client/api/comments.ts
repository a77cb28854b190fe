import { ThreadSchema, type CommentTarget, type Thread } from '../../shared/comments/comments'
import { ParticipantHeader } from '../../shared/workshop/participant'
import { useUiStore } from '../state/uiStore'
import { answer, api, withKey } from './client'

const comments = api.boards[':boardId'].comments
/** Comments are written as this person: the server derives their id from the secret. */
const participant = () => ({ [ParticipantHeader]: useUiStore.getState().participantSecret })
const myName = () => useUiStore.getState().name

/** What a comment says and whom it mentions (participant ids). */
export interface CommentText {
  text: string
  mentions: string[]
}

/** Starts a thread pinned to `target` with its first comment. */
export function startThread(boardId: string, target: CommentTarget, body: CommentText) {
  const call = comments.$post(
    { param: { boardId }, header: participant(), json: { target, ...body, name: myName() } },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}

/** Adds a reply to a thread. */
export function replyToThread(boardId: string, threadId: string, body: CommentText) {
  const call = comments[':threadId'].replies.$post(
    { param: { boardId, threadId }, header: participant(), json: { ...body, name: myName() } },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}

/** Replaces the text of one of this person's own comments. */
export function editComment(
  boardId: string,
  threadId: string,
  commentId: string,
  body: CommentText,
): Promise<Thread> {
  const call = comments[':threadId'][':commentId'].$patch(
    { param: { boardId, threadId, commentId }, header: participant(), json: body },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}

/** Deletes one of this person's own comments (it stays in the thread as deleted). */
export function deleteComment(boardId: string, threadId: string, commentId: string) {
  const call = comments[':threadId'][':commentId'].$delete(
    { param: { boardId, threadId, commentId }, header: participant() },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}

/** Resolves a thread: its pin leaves the board, and the panel lists it as resolved. */
export function resolveThread(boardId: string, threadId: string) {
  const call = comments[':threadId'].resolve.$post(
    { param: { boardId, threadId }, header: participant() },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}

/** Opens a resolved thread again. */
export function reopenThread(boardId: string, threadId: string) {
  const call = comments[':threadId'].reopen.$post(
    { param: { boardId, threadId }, header: participant() },
    withKey(boardId),
  )
  return answer(call, ThreadSchema)
}
