import { UploadedAssetSchema, boardAssetPath, type UploadedAsset } from '../../shared/api/assets'
import { withBoardKey } from '../access/requestAuth'
import { answer, api, withKey } from './client'

export type { UploadedAsset }

/** Uploads an image for a board; the file's own MIME type is sent as Content-Type. */
export function uploadBoardAsset(
  boardId: string,
  file: Blob,
  signal?: AbortSignal,
): Promise<UploadedAsset> {
  return answer(
    api.boards[':boardId'].assets.$post(
      { param: { boardId } },
      withKey(boardId, {
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
        signal,
      }),
    ),
    UploadedAssetSchema,
  )
}

/**
 * Where this browser fetches one of a board's images: the board's asset route with the key it
 * holds for the board in the query, since an <img> cannot send a header.
 */
export const boardAssetUrl = (boardId: string, assetId: string) =>
  withBoardKey(boardAssetPath(boardId, assetId), boardId)
