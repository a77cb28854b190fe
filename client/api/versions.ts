import {
  RestoreResultSchema,
  VersionSchema,
  VersionsResponseSchema,
  type Version,
} from '../../shared/api/versions'
import { ParticipantHeader } from '../../shared/workshop/participant'
import { useUiStore } from '../state/uiStore'
import { answer, api, done, withKey } from './client'

const versions = api.boards[':boardId'].versions
/** Named and restored as this person: the server names them by the secret's participant. */
const participant = () => ({ [ParticipantHeader]: useUiStore.getState().participantSecret })

/** The board's versions, newest first. */
export async function listVersions(boardId: string, signal?: AbortSignal): Promise<Version[]> {
  const call = versions.$get({ param: { boardId } }, withKey(boardId, { signal }))
  return (await answer(call, VersionsResponseSchema)).versions
}

/** Keeps the board as it is now as a version with this name (editors). */
export function nameVersion(boardId: string, name: string): Promise<Version> {
  const call = versions.$post(
    { param: { boardId }, header: participant(), json: { name } },
    withKey(boardId),
  )
  return answer(call, VersionSchema)
}

/** A version's whole board, as one Yjs update, to open it read-only. */
export async function versionDocument(
  boardId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const call = versions[':versionId'].document.$get(
    { param: { boardId, versionId } },
    withKey(boardId, { signal }),
  )
  const response = await call
  // An error answer is JSON like any other: `done` reads it and throws it as an ApiError.
  if (!response.ok) await done(call)
  return new Uint8Array(await response.arrayBuffer())
}

/**
 * Restores the whole board, or one canvas, from a version (editors). The answer names the
 * version the server kept just before: restoring it undoes this.
 */
export function restoreVersion(boardId: string, versionId: string, canvasId?: string) {
  const call = versions[':versionId'].restore.$post(
    {
      param: { boardId, versionId },
      header: participant(),
      json: canvasId === undefined ? {} : { canvasId },
    },
    withKey(boardId),
  )
  return answer(call, RestoreResultSchema)
}

/** What changed between a version and another version or now, as the server writes it. */
export async function diffMarkdown(
  boardId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<string> {
  const call = api.boards[':boardId']['diff.md'].$get(
    { param: { boardId }, query: { from, to } },
    withKey(boardId, { signal }),
  )
  const response = await call
  if (!response.ok) await done(call)
  return response.text()
}
