import { z } from 'zod'
import { BoardSchema } from './boards.js'

/**
 * Who someone is on a board, strongest first. The owner created the board; the others hold one
 * of its three share links. Every link carries its own unguessable secret (the board key).
 */
export const Roles = ['owner', 'edit', 'comment', 'view'] as const
export type Role = (typeof Roles)[number]

/** The roles a share link can grant. */
export const LinkRoles = ['edit', 'comment', 'view'] as const
export type LinkRole = (typeof LinkRoles)[number]

/** A board key: 32 random bytes as base64url. */
export const BoardKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a board key')

/** What each role may do; the server enforces every one of these, the UI only mirrors them. */
export const RoleAbilities = {
  /** Change shapes, canvases and hypotheses (document updates are applied). */
  edit: (role: Role) => role === 'owner' || role === 'edit',
  /** Vote, react and chat. */
  comment: (role: Role) => role !== 'view',
  /** Watch, follow the facilitator and chat. */
  view: (_role: Role) => true,
  /** Copy, rotate and disable the share links, hand over facilitation. */
  manage: (role: Role) => role === 'owner',
} as const

/** The stronger of two roles. */
export const strongerRole = (a: Role, b: Role): Role =>
  Roles.indexOf(a) <= Roles.indexOf(b) ? a : b

/** One share link of a board as its owner sees it; `key` is null while the link is disabled. */
export const BoardLinkSchema = z.object({
  role: z.enum(LinkRoles),
  key: BoardKeySchema.nullable(),
  enabled: z.boolean(),
  /** The board page URL path with the key, ready to copy (`/b/<id>?key=…`). */
  path: z.string().nullable(),
})
export type BoardLink = z.infer<typeof BoardLinkSchema>

/** GET /api/boards/:boardId/links */
export const BoardLinksResponseSchema = z.object({ links: z.array(BoardLinkSchema) })
export type BoardLinksResponse = z.infer<typeof BoardLinksResponseSchema>

/** PATCH /api/boards/:boardId/links/:role */
export const UpdateLinkBodySchema = z.strictObject({ enabled: z.boolean() })

/** The board page path that opens a board with a key. */
export const boardPath = (boardId: string, key: string) =>
  `/b/${boardId}?key=${encodeURIComponent(key)}`

/** POST /api/boards answers with the new board, its owner key (shown once) and its links. */
export const CreatedBoardKeysSchema = z.object({
  ownerKey: BoardKeySchema,
  links: z.array(BoardLinkSchema),
})

/** POST /api/boards/lookup: the boards this browser holds keys to. */
export const BoardLookupBodySchema = z.strictObject({
  keys: z.array(z.string().max(100)).max(1000),
})

/** A board found by a key, with the role that key gives. */
export const BoardAccessSchema = z.object({
  boardId: z.string(),
  role: z.enum(Roles),
  key: z.string().nullable(),
})

/** The header a tracker request lists the caller's board keys in (space-separated). */
export const BoardKeysHeader = 'x-board-keys'

/** GET /api/boards/:boardId: the board and the caller's role on it. */
export const BoardWithRoleSchema = BoardSchema.extend({ role: z.enum(Roles) })

/** 201 from POST /api/boards: the board, its owner key (shown once) and its share links. */
export const CreatedBoardSchema = BoardSchema.extend(CreatedBoardKeysSchema.shape)

/** 200 from POST /api/boards/lookup: each board with the strongest role and the key giving it. */
export const BoardLookupResponseSchema = z.object({
  boards: z.array(BoardWithRoleSchema.extend({ key: z.string().nullable() })),
})
