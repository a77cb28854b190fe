import { useEffect } from 'react'
import { useEditor, useToasts } from 'tldraw'
import type { BoardSync } from '../sync/BoardSync'

/**
 * Handles images the server refused: says why in a toast, and removes the placeholder shape
 * tldraw already placed, so nobody on the board is left looking at a broken image.
 */
export function UploadFailures({ sync }: { sync: BoardSync }) {
  const editor = useEditor()
  const { addToast } = useToasts()

  useEffect(
    () =>
      sync.onUploadError(({ error, assetId }) => {
        const placeholders = editor
          .getCurrentPageShapes()
          .filter((shape) => 'assetId' in shape.props && shape.props.assetId === assetId)
        if (placeholders.length > 0) editor.deleteShapes(placeholders)

        const title =
          error.status === 413
            ? 'Image too large'
            : error.status === 415
              ? 'Image type not supported'
              : 'Image not uploaded'
        addToast({ title, description: error.message, severity: 'error' })
      }),
    [sync, editor, addToast],
  )

  return null
}
