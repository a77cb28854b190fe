import type { TLAssetId, TLAssetStore } from 'tldraw'
import { uploadedAssetIdOf } from '../../shared/api/assets'
import { boardAssetUrl, uploadBoardAsset } from '../api/assets'
import { ApiError } from '../api/client'

/** A refused upload: why, and which asset's placeholder is left on the canvas. */
export interface UploadFailure {
  error: ApiError
  assetId: TLAssetId
}

/**
 * Stores images on the server instead of inline: upload() sends the file to the board's asset
 * endpoint and the document keeps only the returned key-free path. Failures are reported to
 * `onError` (to explain them and remove the placeholder) and rethrown so tldraw drops the asset.
 *
 * resolve() adds this browser's key for the board when an image is shown, so no key is ever
 * stored in the document (keys differ per link and rotate). An uploaded image is always
 * fetched from this board, which serves only its own: one pasted from another board was
 * turned into a data URL on copy and uploaded again here by tldraw's paste.
 */
export function createBoardAssetStore(
  boardId: string,
  onError: (failure: UploadFailure) => void,
): TLAssetStore {
  return {
    async upload(asset, file, abortSignal) {
      try {
        const { src } = await uploadBoardAsset(boardId, file, abortSignal)
        return { src }
      } catch (error) {
        if (error instanceof ApiError) onError({ error, assetId: asset.id })
        throw error
      }
    },
    resolve(asset) {
      const { src } = asset.props
      const uploaded = src ? uploadedAssetIdOf(src) : null
      return uploaded ? boardAssetUrl(boardId, uploaded) : src
    },
  }
}
