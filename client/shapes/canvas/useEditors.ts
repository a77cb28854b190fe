import { useCallback, useSyncExternalStore } from 'react'
import type { AwarenessUser } from '../../../shared/protocol/awareness'
import { useCanvasEnvironment } from './CanvasEnvironment'

/**
 * Who else is typing in a field, and handlers that tell them when this person starts and stops.
 */
export function useEditors(fieldId: string) {
  const { editing } = useCanvasEnvironment()
  const subscribe = useCallback(
    (listener: () => void) => editing.subscribe(fieldId, listener),
    [editing, fieldId],
  )
  const editors: readonly AwarenessUser[] = useSyncExternalStore(subscribe, () =>
    editing.editorsOf(fieldId),
  )
  const onFocus = useCallback(() => editing.setEditing(fieldId), [editing, fieldId])
  const onBlur = useCallback(() => editing.setEditing(null), [editing])
  return { editors, onFocus, onBlur }
}
