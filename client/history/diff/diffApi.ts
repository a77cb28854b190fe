import { VersionsResponseSchema, type Version } from '../../../shared/api/versions'
import { answer, api, done, withKey } from '../../api/client'

const board = api.boards[':boardId']

/** The board's versions, newest first, to choose what to compare. */
export async function listVersions(boardId: string, signal?: AbortSignal): Promise<Version[]> {
  const call = board.versions.$get({ param: { boardId } }, withKey(boardId, { signal }))
  return (await answer(call, VersionsResponseSchema)).versions
}

/** A version's whole board as one Yjs update. */
export async function fetchVersionDocument(
  boardId: string,
  versionId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const call = board.versions[':versionId'].document.$get(
    { param: { boardId, versionId } },
    withKey(boardId, { signal }),
  )
  const response = await call
  // An error answer is JSON like any other: `done` reads it and throws it as an ApiError.
  if (!response.ok) await done(call)
  return new Uint8Array(await response.arrayBuffer())
}

/** What changed between a version and another version or now, as the server writes it. */
export async function fetchDiffMarkdown(
  boardId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<string> {
  const call = board['diff.md'].$get(
    { param: { boardId }, query: { from, to } },
    withKey(boardId, { signal }),
  )
  const response = await call
  if (!response.ok) await done(call)
  return response.text()
}
