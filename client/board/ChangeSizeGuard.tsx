import { useEffect } from 'react'
import { defaultHandleExternalTextContent, useEditor, useToasts, type TLShape } from 'tldraw'
import { formatBytes, MaxPastedTextBytes, MaxShapeBytes, utf8Bytes } from '../sync/changeLimits'

const shapeBytes = (shape: TLShape) => utf8Bytes(JSON.stringify(shape))

/**
 * Keeps changes the server would refuse off the board: text pasted onto the canvas over
 * `MaxPastedTextBytes` is not placed, and a shape this person makes larger than
 * `MaxShapeBytes` (a huge paste into a sticky, say) keeps its previous content. Either way a
 * toast says why and nothing reaches the board.
 */
export function ChangeSizeGuard() {
  const editor = useEditor()
  const { addToast } = useToasts()

  useEffect(() => {
    const refuse = (bytes: number, limit: number) =>
      addToast({
        id: 'change-too-large',
        title: 'Too large to add to the board',
        description:
          `That is ${formatBytes(bytes, { up: true })}; at most ${formatBytes(limit)} can be ` +
          'added at once. Split it into smaller parts.',
        severity: 'error',
      })

    editor.registerExternalContentHandler('text', async (content) => {
      const bytes = utf8Bytes(content.text)
      if (bytes > MaxPastedTextBytes) {
        refuse(bytes, MaxPastedTextBytes)
        return
      }
      await defaultHandleExternalTextContent(editor, content)
    })

    const { sideEffects } = editor
    const disposers = [
      sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
        if (source !== 'user') return next
        const bytes = shapeBytes(next)
        if (bytes <= MaxShapeBytes || bytes <= shapeBytes(prev)) return next
        refuse(bytes, MaxShapeBytes)
        return prev
      }),
      sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
        if (source !== 'user') return
        const bytes = shapeBytes(shape)
        if (bytes <= MaxShapeBytes) return
        refuse(bytes, MaxShapeBytes)
        editor.deleteShape(shape.id)
      }),
    ]
    return () => {
      for (const dispose of disposers) dispose()
      editor.registerExternalContentHandler('text', (content) =>
        defaultHandleExternalTextContent(editor, content),
      )
    }
  }, [editor, addToast])

  return null
}
