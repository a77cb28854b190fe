import { describe, expect, it } from 'vitest'
import { boardAssetPath, uploadedAssetIdOf } from './assets.js'

const boardId = 'B'.repeat(22)
const assetId = 'a_-'.repeat(7) + 'z'

describe('the src of an uploaded image', () => {
  it('names the image under its board, and is read back to its id', () => {
    const src = boardAssetPath(boardId, assetId)
    expect(src).toBe(`/api/boards/${boardId}/assets/${assetId}`)
    expect(uploadedAssetIdOf(src)).toBe(assetId)
  })

  it('is also read in the form documents stored before images were served per board', () => {
    expect(uploadedAssetIdOf(`/api/assets/${assetId}`)).toBe(assetId)
  })

  it('is not found in other sources, so they are shown as they are', () => {
    for (const src of [
      'data:image/png;base64,AAAA',
      `https://example.com/api/assets/${assetId}`,
      `/api/assets/${assetId}?key=secret`,
      `/api/boards/${boardId}/assets/${assetId}/more`,
      `/api/boards/short/assets/${assetId}`,
      '/api/assets/too-short',
    ]) {
      expect(uploadedAssetIdOf(src)).toBeNull()
    }
  })
})
