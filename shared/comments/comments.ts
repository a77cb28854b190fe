import { z } from 'zod'
import { EntityIdSchema } from '../canvases/baseContent.js'
import { plainLine } from '../api/plainText.js'
import { ParticipantIdSchema } from '../workshop/participant.js'

/**
 * Threaded comments on a board: each thread is pinned to what it is about and holds the
 * comments, oldest first. People with a comment, edit or owner link write them through the REST
 * API (commenters cannot write the board's document); everyone on the board reads them live.
 */
export const CommentLimits = {
  /** Characters of one comment. */
  text: 4_000,
  threadsPerBoard: 2_000,
  commentsPerThread: 500,
  mentions: 20,
  name: 60,
} as const

const Coordinate = z.number().finite().min(-1e7).max(1e7)

/** What a thread is pinned to: a shape, a canvas item, a metric, a value-stream step, a point. */
export const CommentTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('shape'), shapeId: z.string().regex(/^shape:[\w-]{1,64}$/) }),
  z.strictObject({ kind: z.literal('item'), canvasId: EntityIdSchema, itemId: EntityIdSchema }),
  z.strictObject({
    kind: z.literal('metric'),
    canvasId: EntityIdSchema,
    metricKey: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
  }),
  z.strictObject({ kind: z.literal('step'), canvasId: EntityIdSchema, stepId: EntityIdSchema }),
  z.strictObject({ kind: z.literal('point'), x: Coordinate, y: Coordinate }),
])
export type CommentTarget = z.infer<typeof CommentTargetSchema>

/** Who wrote something: the participant id the server derived, and the name they showed. */
export const CommentAuthorSchema = z.object({
  id: ParticipantIdSchema,
  name: z.string().max(CommentLimits.name),
})
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>

const CommentTextSchema = z
  .string()
  .trim()
  .min(1, 'A comment must not be empty')
  .max(CommentLimits.text, `A comment must be at most ${CommentLimits.text} characters`)

/** People a comment mentions with `@`, by participant id. */
const MentionsSchema = z
  .array(ParticipantIdSchema)
  .max(CommentLimits.mentions, `A comment may mention at most ${CommentLimits.mentions} people`)

export const CommentSchema = z.object({
  id: EntityIdSchema,
  text: z.string().max(CommentLimits.text),
  by: CommentAuthorSchema,
  /** Epoch ms. */
  at: z.number(),
  editedAt: z.number().nullable(),
  /** A deleted comment keeps its place in the thread, without its text. */
  deletedAt: z.number().nullable(),
  mentions: z.array(ParticipantIdSchema).max(CommentLimits.mentions),
})
export type Comment = z.infer<typeof CommentSchema>

export const ThreadSchema = z.object({
  id: EntityIdSchema,
  target: CommentTargetSchema,
  createdAt: z.number(),
  by: CommentAuthorSchema,
  resolvedAt: z.number().nullable(),
  resolvedBy: CommentAuthorSchema.nullable(),
  /** Oldest first. */
  comments: z.array(CommentSchema),
})
export type Thread = z.infer<typeof ThreadSchema>

/** The name to show for the author when the board has not seen them yet (REST-only callers). */
const AuthorNameSchema = plainLine('A name', CommentLimits.name).optional()

export const CreateThreadBodySchema = z.strictObject({
  target: CommentTargetSchema,
  text: CommentTextSchema,
  mentions: MentionsSchema.default([]),
  name: AuthorNameSchema,
})
export type CreateThreadBody = z.input<typeof CreateThreadBodySchema>

export const ReplyBodySchema = z.strictObject({
  text: CommentTextSchema,
  mentions: MentionsSchema.default([]),
  name: AuthorNameSchema,
})
export type ReplyBody = z.input<typeof ReplyBodySchema>

export const EditCommentBodySchema = z.strictObject({
  text: CommentTextSchema,
  mentions: MentionsSchema.default([]),
})
export type EditCommentBody = z.input<typeof EditCommentBodySchema>

export const ThreadsResponseSchema = z.object({ threads: z.array(ThreadSchema) })

/** Newest activity first: the latest comment (or the resolution) of each thread. */
export function lastActivity(thread: Thread): number {
  return Math.max(
    thread.createdAt,
    thread.resolvedAt ?? 0,
    ...thread.comments.map((c) => Math.max(c.at, c.editedAt ?? 0, c.deletedAt ?? 0)),
  )
}

export const byLastActivity = (a: Thread, b: Thread) =>
  lastActivity(b) - lastActivity(a) || a.id.localeCompare(b.id)
