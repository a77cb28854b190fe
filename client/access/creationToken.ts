/**
 * The server's creation token, where its operator set one: asked for once, then kept in this
 * browser (localStorage, shared by its tabs) and sent with every new board.
 */
const StorageKey = 'discovery-board:creation-token'

/** The creation token this browser holds, if any. */
export function creationToken(): string | null {
  try {
    return localStorage.getItem(StorageKey)
  } catch {
    return null
  }
}

/** Keeps the token someone entered; an empty one forgets it. */
export function rememberCreationToken(token: string): void {
  const trimmed = token.trim()
  if (trimmed) localStorage.setItem(StorageKey, trimmed)
  else localStorage.removeItem(StorageKey)
}

/** The credentials of a create call: the creation token, when this browser holds one. */
export function creationAuthHeaders(): Record<string, string> {
  const token = creationToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}
