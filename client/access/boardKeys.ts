import { z } from 'zod'
import { BoardKeySchema, Roles, type Role } from '../../shared/api/links'

/**
 * The board keys this browser holds, by board: what lets it open, list and track a board when
 * boards are shared by link. Kept in localStorage, so every tab of the browser shares them.
 */
const StorageKey = 'discovery-board:keys'

const StoredSchema = z.record(z.string(), z.object({ key: BoardKeySchema, role: z.enum(Roles) }))
type Stored = z.infer<typeof StoredSchema>

function read(): Stored {
  try {
    return StoredSchema.parse(JSON.parse(localStorage.getItem(StorageKey) ?? '{}'))
  } catch {
    return {}
  }
}

const write = (stored: Stored) => localStorage.setItem(StorageKey, JSON.stringify(stored))

/** The key to open a board with, if this browser holds one. */
export const boardKeyOf = (boardId: string): string | undefined => read()[boardId]?.key

/** The role this browser's key gives on a board, if known. */
export const boardRoleOf = (boardId: string): Role | undefined => read()[boardId]?.role

/** Every key this browser holds. */
export const allBoardKeys = (): string[] => Object.values(read()).map((e) => e.key)

/** Keeps a key for a board, with the role it gives (once known). */
export function rememberBoardKey(boardId: string, key: string, role: Role): void {
  if (!BoardKeySchema.safeParse(key).success) return
  const stored = read()
  stored[boardId] = { key, role }
  write(stored)
}

/**
 * Keeps a key someone opened a link with. It replaces the key held so far, which may have
 * been rotated away, unless that one is the owner's: opening a view link to your own board
 * must not cost you ownership.
 */
export function rememberLinkKey(boardId: string, key: string): void {
  const current = read()[boardId]
  if (current?.role === 'owner' && current.key !== key) return
  rememberBoardKey(boardId, key, current?.key === key ? current.role : 'view')
}

/** Drops a key that stopped working (rotated or disabled link). */
export function forgetBoardKey(boardId: string): void {
  const stored = read()
  delete stored[boardId]
  write(stored)
}
