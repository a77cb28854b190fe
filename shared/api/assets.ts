import { z } from 'zod'

/** Asset ids are 22 characters of base64url (128 random bits). */
export const AssetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an asset id')

/** 201 from POST /api/boards/:boardId/assets: `src` is the same-origin URL a document stores. */
export const UploadedAssetSchema = z.object({ id: AssetIdSchema, src: z.string() })
export type UploadedAsset = z.infer<typeof UploadedAssetSchema>
