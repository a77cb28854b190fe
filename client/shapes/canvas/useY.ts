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
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `read` is re-run on every change
  return useMemo(read, [type, version])
}
