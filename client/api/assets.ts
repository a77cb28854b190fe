import { UploadedAssetSchema, type UploadedAsset } from '../../shared/api/assets'
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
