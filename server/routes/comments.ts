import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { EntityIdSchema, newId } from '../../shared/canvases/baseContent.js'
import {
  byLastActivity,
  CommentLimits,
  CreateThreadBodySchema,
  EditCommentBodySchema,
  ReplyBodySchema,
  ThreadSchema,
  ThreadsResponseSchema,
  type Comment,
  type CommentAuthor,
  type Thread,
} from '../../shared/comments/comments.js'
import {
  addThread,
  getThreadsMap,
  putComment,
  readThread,
  readThreads,
  setResolution,
} from '../../shared/doc/commentsDoc.js'
import {
  ParticipantHeader,
  ParticipantHeadersSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import type { AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import type { Room } from '../sync/Room.js'
import { editBoard, requireRoomFor } from './boardDoc.js'
import { requireBoard } from './boards.js'

const Params = z.object({ boardId: BoardIdSchema })
const ThreadParams = Params.extend({ threadId: EntityIdSchema })
const CommentParams = ThreadParams.extend({ commentId: EntityIdSchema })
const OneThread = json(ThreadSchema.meta({ id: 'CommentThread' }), 'The thread as it is now')

/**
 * Threads of comments on a board: anyone on it reads them, commenters and up write them, and
 * only a comment's author edits or deletes it. Each change is stored in the board's comments
 * document before it is answered, and every screen of the board sees it live.
 */
export function commentRoutes(ctx: ServerContext) {
  /** The caller as a comment author: their participant id and the name the board knows. */
  const authorOf = async (
    boardId: string,
    headers: z.infer<typeof ParticipantHeadersSchema>,
    name: string | undefined,
  ): Promise<CommentAuthor> => {
    const id = participantIdOf(headers[ParticipantHeader])
    const known = (await ctx.persistence.listParticipants(boardId)).find((p) => p.id === id)
    return { id, name: known?.name ?? name ?? 'Someone' }
  }

  /** Mentions must name people who have been on this board. */
  const requireKnown = async (boardId: string, mentions: string[]) => {
    if (mentions.length === 0) return
    const known = new Set((await ctx.persistence.listParticipants(boardId)).map((p) => p.id))
    const unknown = mentions.filter((m) => !known.has(m))
    if (unknown.length > 0) {
      throw new ApiError(
        'invalid_body',
        'A comment can only mention people who joined this board',
        {
          unknown,
        },
      )
    }
  }

  /** Runs `change` on the board's comments document, stored before it returns. */
  const changeComments = async <T>(
    boardId: string,
    change: (room: Room) => T,
    text = '',
  ): Promise<T> => {
    await requireBoard(ctx, boardId)
    return editBoard(async () => {
      const room = await ctx.comments.room(boardId)
      // A comment is stored as JSON: at most a few bytes a character, plus its fields.
      requireRoomFor(room, text.length * 3 + 1_000)
      let result: T | undefined
      await room.transact(() => {
        result = change(room)
      })
      return result as T
    })
  }

  const threadOf = (room: Room, threadId: string): Thread => {
    const map = getThreadsMap(room.doc).get(threadId)
    const thread = map && readThread(threadId, map)
    if (!thread) throw new ApiError('not_found', 'No comment thread with this id on this board')
    return thread
  }
  const reread = (room: Room, threadId: string) => threadOf(room, threadId)

  /** Tells the board's webhooks whom a stored comment newly mentions (`comment.mentioned`). */
  const announceMentions = async (
    boardId: string,
    thread: Thread,
    commentId: string | undefined,
    before: readonly string[] = [],
  ) => {
    const said = thread.comments.find((c) => c.id === commentId)
    const mentioned = said?.mentions.filter((m) => !before.includes(m)) ?? []
    if (!said || mentioned.length === 0) return
    const people = await ctx.persistence.listParticipants(boardId)
    const named = mentioned.map((id) => ({
      participantId: id,
      name: people.find((p) => p.id === id)?.name ?? null,
    }))
    await ctx.webhooks.emit(
      boardId,
      'comment.mentioned',
      {
        threadId: thread.id,
        target: thread.target,
        commentId: said.id,
        text: said.text,
        by: said.by.name,
        mentioned: named,
        mentionedNames: named.map((n) => n.name ?? 'someone').join(', '),
      },
      { key: `${said.id}:${[...mentioned].sort().join(',')}` },
    )
  }

  /** A comment of the caller's own, or 403 / 404. */
  const ownComment = (thread: Thread, commentId: string, author: CommentAuthor): Comment => {
    const comment = thread.comments.find((c) => c.id === commentId)
    if (!comment || comment.deletedAt !== null) {
      throw new ApiError('not_found', 'No comment with this id in this thread')
    }
    if (comment.by.id !== author.id) {
      throw new ApiError('forbidden', 'Only its author can edit or delete a comment')
    }
    return comment
  }

  return openApiRoutes<AccessEnv>()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/comments',
        operationId: 'listComments',
        summary: 'Every comment thread of the board, newest activity first',
        request: { params: Params },
        responses: {
          200: json(ThreadsResponseSchema, 'The threads, open and resolved'),
          ...errors(400, 404, 410),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const room = await ctx.comments.room(boardId)
        return c.json({ threads: readThreads(room.doc).sort(byLastActivity) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/comments',
        operationId: 'startThread',
        summary:
          'Start a thread pinned to a shape, item, metric, step or point (commenters and up)',
        request: {
          params: Params,
          headers: ParticipantHeadersSchema,
          body: jsonBody(CreateThreadBodySchema),
        },
        responses: {
          201: json(ThreadSchema, 'The new thread'),
          ...errors(400, 403, 404, 409, 410, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const body = c.req.valid('json')
        const by = await authorOf(boardId, c.req.valid('header'), body.name)
        await requireKnown(boardId, body.mentions)
        const threadId = newId()
        const thread = await changeComments(
          boardId,
          (room) => {
            if (getThreadsMap(room.doc).size >= CommentLimits.threadsPerBoard) {
              throw new ApiError(
                'conflict',
                `A board keeps at most ${CommentLimits.threadsPerBoard} comment threads`,
              )
            }
            const at = ctx.now()
            addThread(
              room.doc,
              { id: threadId, target: body.target, createdAt: at, by },
              comment(by, body.text, body.mentions, at),
            )
            return () => reread(room, threadId)
          },
          body.text,
        )
        const created = thread()
        await announceMentions(boardId, created, created.comments[0]?.id)
        return c.json(created, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/comments/{threadId}/replies',
        operationId: 'replyToThread',
        summary: 'Reply to a thread (commenters and up)',
        request: {
          params: ThreadParams,
          headers: ParticipantHeadersSchema,
          body: jsonBody(ReplyBodySchema),
        },
        responses: { 201: OneThread, ...errors(400, 403, 404, 409, 410, 413, 503) },
      }),
      async (c) => {
        const { boardId, threadId } = c.req.valid('param')
        const body = c.req.valid('json')
        const by = await authorOf(boardId, c.req.valid('header'), body.name)
        await requireKnown(boardId, body.mentions)
        const thread = await changeComments(
          boardId,
          (room) => {
            const before = threadOf(room, threadId)
            if (before.comments.length >= CommentLimits.commentsPerThread) {
              throw new ApiError(
                'conflict',
                `A thread keeps at most ${CommentLimits.commentsPerThread} comments: start a new one`,
              )
            }
            const reply = comment(by, body.text, body.mentions, ctx.now())
            putComment(room.doc, threadId, reply)
            return { reply: reply.id, thread: () => reread(room, threadId) }
          },
          body.text,
        )
        const replied = thread.thread()
        await announceMentions(boardId, replied, thread.reply)
        return c.json(replied, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{boardId}/comments/{threadId}/{commentId}',
        operationId: 'editComment',
        summary: 'Edit one of your own comments',
        request: {
          params: CommentParams,
          headers: ParticipantHeadersSchema,
          body: jsonBody(EditCommentBodySchema),
        },
        responses: { 200: OneThread, ...errors(400, 403, 404, 410, 413, 503) },
      }),
      async (c) => {
        const { boardId, threadId, commentId } = c.req.valid('param')
        const body = c.req.valid('json')
        const by = await authorOf(boardId, c.req.valid('header'), undefined)
        await requireKnown(boardId, body.mentions)
        const thread = await changeComments(
          boardId,
          (room) => {
            const own = ownComment(threadOf(room, threadId), commentId, by)
            putComment(room.doc, threadId, {
              ...own,
              text: body.text,
              mentions: body.mentions,
              editedAt: ctx.now(),
            })
            return { before: own.mentions, thread: () => reread(room, threadId) }
          },
          body.text,
        )
        const edited = thread.thread()
        await announceMentions(boardId, edited, commentId, thread.before)
        return c.json(edited, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/comments/{threadId}/{commentId}',
        operationId: 'deleteComment',
        summary: 'Delete one of your own comments (it keeps its place, without its text)',
        request: { params: CommentParams, headers: ParticipantHeadersSchema },
        responses: { 200: OneThread, ...errors(400, 403, 404, 410, 503) },
      }),
      async (c) => {
        const { boardId, threadId, commentId } = c.req.valid('param')
        const by = await authorOf(boardId, c.req.valid('header'), undefined)
        const thread = await changeComments(boardId, (room) => {
          const own = ownComment(threadOf(room, threadId), commentId, by)
          putComment(room.doc, threadId, { ...own, text: '', mentions: [], deletedAt: ctx.now() })
          return () => reread(room, threadId)
        })
        return c.json(thread(), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/comments/{threadId}/resolve',
        operationId: 'resolveThread',
        summary: 'Resolve a thread (commenters and up)',
        request: { params: ThreadParams, headers: ParticipantHeadersSchema },
        responses: { 200: OneThread, ...errors(400, 403, 404, 410, 503) },
      }),
      async (c) => {
        const { boardId, threadId } = c.req.valid('param')
        const by = await authorOf(boardId, c.req.valid('header'), undefined)
        const thread = await changeComments(boardId, (room) => {
          const before = threadOf(room, threadId)
          if (before.resolvedAt === null) {
            setResolution(room.doc, threadId, { at: ctx.now(), by })
          }
          return () => reread(room, threadId)
        })
        return c.json(thread(), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/comments/{threadId}/reopen',
        operationId: 'reopenThread',
        summary: 'Reopen a resolved thread (commenters and up)',
        request: { params: ThreadParams, headers: ParticipantHeadersSchema },
        responses: { 200: OneThread, ...errors(400, 403, 404, 410, 503) },
      }),
      async (c) => {
        const { boardId, threadId } = c.req.valid('param')
        const thread = await changeComments(boardId, (room) => {
          const before = threadOf(room, threadId)
          if (before.resolvedAt !== null) setResolution(room.doc, threadId, null)
          return () => reread(room, threadId)
        })
        return c.json(thread(), 200)
      },
    )

  function comment(by: CommentAuthor, text: string, mentions: string[], at: number): Comment {
    return { id: newId(), text, by, at, editedAt: null, deletedAt: null, mentions }
  }
}
