import type * as Y from 'yjs'

/** Any shared type (map, array, text); its event type does not matter here. */
// Yjs types are invariant in their contents, so only `any` admits every one of them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ObservableY = Y.AbstractType<any>

/** A subscribable version counter of a Yjs type, for useSyncExternalStore. */
export interface YVersionStore {
  subscribe(onChange: () => void): () => void
  getVersion(): number
}

/**
 * Counts the changes of a Yjs type (with `deep`, of everything inside it too). Views read the
 * document directly and re-render when the count moves; nothing is copied out of the document.
 */
export function createYVersionStore(type: ObservableY | undefined, deep: boolean) {
  let version = 0
  const store: YVersionStore = {
    subscribe(onChange) {
      if (!type) return () => {}
      const handler = () => {
        version++
        onChange()
      }
      if (deep) type.observeDeep(handler)
      else type.observe(handler)
      return () => (deep ? type.unobserveDeep(handler) : type.unobserve(handler))
    },
    getVersion: () => version,
  }
  return store
}
