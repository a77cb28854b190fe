import { useMemo, useSyncExternalStore } from 'react'
import { createYVersionStore, type ObservableY } from './observeY'

/** Re-renders when a Yjs type changes (with `deep`, when anything inside it changes). */
export function useYVersion(type: ObservableY | undefined, deep = false): number {
  const store = useMemo(() => createYVersionStore(type, deep), [type, deep])
  return useSyncExternalStore(store.subscribe, store.getVersion)
}

/** Reads from a Yjs type, again whenever it changes. */
export function useYRead<T>(type: ObservableY | undefined, read: () => T, deep = false): T {
  const version = useYVersion(type, deep)
  // `read` is a new function on every render: the version says when its answer can change.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => read(), [type, version])
}
