import { z } from 'zod'

/** Asset ids are 22 characters of base64url (128 random bits). */
export const AssetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an asset id')

/**
 * Where an uploaded image is served: under the board it was uploaded to, to callers with a
 * key of that board. The path carries no key, so a document can store it as the image's src.
 */
export const boardAssetPath = (boardId: string, assetId: string) =>
  `/api/boards/${boardId}/assets/${assetId}`

// Documents made before images were served per board store `/api/assets/<id>`.
const UploadedSrc = /^\/api\/(?:boards\/[A-Za-z0-9_-]{22}\/)?assets\/([A-Za-z0-9_-]{22})$/

/** The id of the uploaded image a stored src names (either form), or null for any other src. */
export function uploadedAssetIdOf(src: string): string | null {
  return UploadedSrc.exec(src)?.[1] ?? null
}

/** 201 from POST /api/boards/:boardId/assets: `src` is the key-free path a document stores. */
export const UploadedAssetSchema = z.object({ id: AssetIdSchema, src: z.string() })
export type UploadedAsset = z.infer<typeof UploadedAssetSchema>
