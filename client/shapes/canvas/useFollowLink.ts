import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { create } from 'zustand'
import { canvasFromLink } from './canvasFromLink'
import { zoomToCanvas } from './zoomToCanvas'

/** Whether this page has brought the canvas its link asked for into view already. UI state. */
const useLinkFollowed = create<{ followed: boolean }>()(() => ({ followed: false }))

/**
 * Brings this canvas into view once when the page was opened from a link to it (a row of the
 * tracker or the portfolio), so one click there lands on it rather than wherever the board was.
 */
export function useFollowLink(canvasId: string) {
  const editor = useEditor()
  useEffect(() => {
    if (useLinkFollowed.getState().followed) return
    if (canvasFromLink(window.location.search) !== canvasId) return
    if (zoomToCanvas(editor, canvasId)) useLinkFollowed.setState({ followed: true })
  }, [editor, canvasId])
}
