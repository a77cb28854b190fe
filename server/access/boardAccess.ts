import { createHash, randomBytes } from 'node:crypto'
import {
  BoardKeySchema,
  LinkRoles,
  boardPath,
  strongerRole,
  type BoardLink,
  type LinkRole,
  type Role,
} from '../../shared/api/links.js'
import type { Logger } from '../logger.js'
import type { BoardKeyStore } from './accessTypes.js'

/** A new board key: 256 random bits, base64url. */
export const newBoardKey = () => randomBytes(32).toString('base64url')

/** Keys are looked up by hash, so the lookup never compares secrets character by character. */
export const hashBoardKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** The keys of a new board: the owner's, shown once, and one per share link. */
export interface IssuedKeys {
  ownerKey: string
  links: BoardLink[]
}

/**
 * Who may do what on which board. With share links (the default) a request's role comes from
 * the key it carries; on an open instance everyone who reaches the server may edit, and a key
 * can only raise that (the owner's still manages links).
 */
export function createBoardAccess(deps: {
  keys: BoardKeyStore
  openInstance: boolean
  now: () => number
  log: Logger
}) {
  const { keys, openInstance } = deps

  const put = async (boardId: string, role: Role) => {
    const key = newBoardKey()
    await keys.putBoardKey({ boardId, role, key, hash: hashBoardKey(key), now: deps.now() })
    return key
  }

  const links = async (boardId: string): Promise<BoardLink[]> => {
    const stored = await keys.listBoardKeys(boardId)
    return LinkRoles.map((role) => {
      const entry = stored.find((k) => k.role === role)
      const key = entry?.enabled ? entry.key : null
      return {
        role,
        key,
        enabled: entry?.enabled ?? false,
        path: key ? boardPath(boardId, key) : null,
      }
    })
  }

  return {
    openInstance,

    /** Creates the owner key and the three link keys of a new board. */
    async issueKeys(boardId: string): Promise<IssuedKeys> {
      const ownerKey = await put(boardId, 'owner')
      for (const role of LinkRoles) await put(boardId, role)
      return { ownerKey, links: await links(boardId) }
    },

    /** The role a key gives on a board, or null: no key, a wrong or disabled one. */
    async roleFor(boardId: string, key: string | undefined | null): Promise<Role | null> {
      let fromKey: Role | null = null
      if (key && BoardKeySchema.safeParse(key).success) {
        const entry = await keys.findBoardKey(hashBoardKey(key))
        if (entry && entry.boardId === boardId && entry.enabled) fromKey = entry.role
      }
      if (!openInstance) return fromKey
      return fromKey ? strongerRole(fromKey, 'edit') : 'edit'
    },

    links,

    /** The board and role a key opens, or null. */
    async boardForKey(key: string): Promise<{ boardId: string; role: Role } | null> {
      if (!BoardKeySchema.safeParse(key).success) return null
      const entry = await keys.findBoardKey(hashBoardKey(key))
      return entry?.enabled ? { boardId: entry.boardId, role: entry.role } : null
    },

    /** Replaces a link's key: the old one stops working at once. */
    async rotate(boardId: string, role: LinkRole): Promise<BoardLink[]> {
      await put(boardId, role)
      await keys.setBoardKeyEnabled(boardId, role, true)
      return links(boardId)
    },

    async setEnabled(boardId: string, role: LinkRole, enabled: boolean): Promise<BoardLink[]> {
      await keys.setBoardKeyEnabled(boardId, role, enabled)
      return links(boardId)
    },

    /**
     * A new owner key for a board, for the person running the server (`npm run owner-link`):
     * the previous owner key stops working at once. Keys are kept as hashes only, so a lost one
     * cannot be shown again, only replaced.
     */
    async replaceOwnerKey(boardId: string): Promise<string> {
      return put(boardId, 'owner')
    },

    /**
     * Boards made before share links existed get keys at start-up. No key is ever logged: the
     * log names the board, and `npm run owner-link -- <boardId>` gives its owner a link.
     */
    async issueMissingKeys(): Promise<void> {
      for (const boardId of await keys.boardsWithoutKeys()) {
        await this.issueKeys(boardId)
        deps.log.info('access.keys_issued', {
          boardId,
          ownerLink: `npm run owner-link -- ${boardId}`,
        })
      }
    },
  }
}

export type BoardAccess = ReturnType<typeof createBoardAccess>
