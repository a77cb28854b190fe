import { z } from 'zod'
import { plainLine } from './plainText.js'

/** Board ids are 22 characters of base64url (128 random bits). */
export const BoardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a board id')

export const BoardTitleSchema = plainLine('title', 200)

export const CreateBoardBodySchema = z.strictObject({
  title: BoardTitleSchema.optional(),
})
export type CreateBoardBody = z.infer<typeof CreateBoardBodySchema>

export const UpdateBoardBodySchema = z.strictObject({
  title: BoardTitleSchema,
})
export type UpdateBoardBody = z.infer<typeof UpdateBoardBodySchema>

/** A board as the REST API returns it. Times are ISO strings. */
export const BoardSchema = z.object({
  id: BoardIdSchema,
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  /**
   * Who deleted it, by the name their presence showed on the board; null while it is live, or
   * when the owner who deleted it had no name recorded there.
   */
  deletedBy: z.string().nullable(),
})
export type Board = z.infer<typeof BoardSchema>

/** The `details` of a 410 `gone` answer for a deleted board, to tell people who deleted it. */
export const DeletedBoardDetailsSchema = z.object({
  deletedAt: z.string(),
  deletedBy: z.string().nullable(),
})
export type DeletedBoardDetails = z.infer<typeof DeletedBoardDetailsSchema>

export const DefaultBoardTitle = 'Untitled board'

/** GET /api/boards (open instances): live boards, or with `?deleted=true` restorable ones. */
export const BoardListSchema = z.object({ boards: z.array(BoardSchema) })

/**
 * The board's title as the server publishes it on every screen of the board (its own presence
 * state, next to the workshop), so a rename shows everywhere at once.
 */
export const BoardPresenceSchema = z.object({ board: z.object({ title: z.string() }) })
export type BoardPresence = z.infer<typeof BoardPresenceSchema>
