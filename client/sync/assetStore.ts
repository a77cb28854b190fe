import type { TLAssetId, TLAssetStore } from 'tldraw'
import { uploadBoardAsset } from '../api/assets'
import { ApiError } from '../api/client'

/** A refused upload: why, and which asset's placeholder is left on the canvas. */
export interface UploadFailure {
  error: ApiError
  assetId: TLAssetId
}

/**
 * Stores images on the server instead of inline: upload() sends the file to the board's asset
 * endpoint and the document keeps only the returned same-origin URL. Failures are reported to
 * `onError` (to explain them and remove the placeholder) and rethrown so tldraw drops the asset.
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
      return asset.props.src
    },
  }
}
