import { useEffect } from 'react'
import { useEditor } from 'tldraw'
import { useUiStore } from '../state/uiStore'

/**
 * Keeps tldraw's own notion of the current user (used for following and cursor chat) equal to
 * the identity this app publishes, so "is following you" and presence ids agree.
 */
export function EditorUserPreferences() {
  const editor = useEditor()
  const userId = useUiStore((state) => state.userId)
  const name = useUiStore((state) => state.name)
  const color = useUiStore((state) => state.color)

  useEffect(() => {
    editor.user.updateUserPreferences({ id: userId, name, color })
  }, [editor, userId, name, color])

  return null
}
