import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'

/**
 * A Y.Text of a canvas (its title, a field), created in a transaction of its own on first use
 * rather than while rendering. Re-resolved when someone replaces it (an import writing over it).
 */
export function useCanvasText(
  canvas: CanvasMap,
  get: (canvas: CanvasMap) => Y.Text,
): Y.Text | undefined {
  const [text, setText] = useState<Y.Text>()
  useEffect(() => {
    const resolve = () => {
      const doc = canvas.doc
      if (!doc) return
      let found: Y.Text | undefined
      doc.transact(() => {
        found = get(canvas)
      }, LocalOrigin)
      setText(found)
    }
    resolve()
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      // Only a replaced text matters here; typing inside it is the binding's business.
      if (events.some((event) => event instanceof Y.YMapEvent && event.keysChanged.size > 0)) {
        resolve()
      }
    }
    canvas.observeDeep(onChange)
    return () => canvas.unobserveDeep(onChange)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `get` picks a fixed key
  }, [canvas])
  return text
}
