import { z } from 'zod'
import { apiRequest } from './client'

/** The upload endpoint's answer: `src` is a same-origin URL the document stores. */
const UploadedAssetSchema = z.object({ id: z.string(), src: z.string() })
export type UploadedAsset = z.infer<typeof UploadedAssetSchema>

/** Uploads an image for a board; the file's own MIME type is sent as Content-Type. */
export function uploadBoardAsset(
  boardId: string,
  file: Blob,
  signal?: AbortSignal,
): Promise<UploadedAsset> {
  return apiRequest(`/api/boards/${encodeURIComponent(boardId)}/assets`, UploadedAssetSchema, {
    method: 'POST',
    body: file,
    signal,
  })
}
