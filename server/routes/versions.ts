import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CreateVersionBodySchema,
  RestoreResultSchema,
  RestoreVersionBodySchema,
  VersionSchema,
  VersionsResponseSchema,
  type Version,
} from '../../shared/api/versions.js'
import { EntityIdSchema } from '../../shared/canvases/baseContent.js'
import {
  ParticipantHeader,
  ParticipantHeadersSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import type { AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import {
  MarkdownContent,
  errors,
  json,
  jsonBody,
  openApiRoutes,
  rawContent,
} from '../http/openApi.js'
import type { StoredVersion } from '../persistence/types.js'
import { editBoard, openBoardRoom, readCanvasesForExport, requireUnlocked } from './boardDoc.js'
import { diffBoards, diffMarkdown } from '../../shared/history/boardDiff.js'
import * as Y from 'yjs'
import { requireBoard } from './boards.js'

const Params = z.object({ boardId: BoardIdSchema })
const VersionParams = Params.extend({ versionId: EntityIdSchema })
const OneVersion = VersionSchema.meta({ id: 'Version' })
const OptionalParticipantHeaders = ParticipantHeadersSchema.partial()

/** A version as the diff names it: its name, or when it was taken. */
const versionLabel = (v: StoredVersion) =>
  v.name
    ? `“${v.name}”`
    : `the version of ${new Date(v.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`

const toVersion = (v: StoredVersion): Version => ({
  id: v.id,
  name: v.name,
  automatic: v.name === null,
  createdAt: new Date(v.createdAt).toISOString(),
  createdBy: v.createdBy,
  participants: v.participants,
  bytes: v.bytes,
})

/**
 * A board's version history: the list, named versions, a version's whole document (to open it
 * read-only) and restoring the board or one canvas from it.
 */
export function versionRoutes(ctx: ServerContext) {
  /** The name the caller last showed on the board, when the call says who it is. */
  const nameOf = async (boardId: string, secret: string | undefined) => {
    if (!secret) return null
    const id = participantIdOf(secret)
    return (await ctx.persistence.listParticipants(boardId)).find((p) => p.id === id)?.name ?? null
  }
  const requireVersion = async (boardId: string, versionId: string) => {
    const version = (await ctx.versions.list(boardId)).find((v) => v.id === versionId)
    if (!version) throw new ApiError('not_found', 'No version with this id on this board')
    return version
  }

  return openApiRoutes<AccessEnv>()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/versions',
        operationId: 'listVersions',
        summary: 'The board’s versions, newest first',
        request: { params: Params },
        responses: {
          200: json(VersionsResponseSchema, 'Automatic and named versions'),
          ...errors(400, 404, 410),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        return c.json({ versions: (await ctx.versions.list(boardId)).map(toVersion) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/versions',
        operationId: 'nameVersion',
        summary: 'Keep the board as it is now as a named version (editors)',
        request: {
          params: Params,
          headers: OptionalParticipantHeaders,
          body: jsonBody(CreateVersionBodySchema),
        },
        responses: {
          201: json(OneVersion, 'The new version'),
          ...errors(400, 403, 404, 410, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const by = await nameOf(boardId, c.req.valid('header')[ParticipantHeader])
        const version = toVersion(await ctx.versions.name(boardId, c.req.valid('json').name, by))
        await ctx.webhooks.emit(
          boardId,
          'version.named',
          {
            versionId: version.id,
            name: version.name,
            by: version.createdBy,
            at: version.createdAt,
          },
          { key: version.id },
        )
        return c.json(version, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/versions/{versionId}',
        operationId: 'getVersion',
        summary: 'One version of the board',
        request: { params: VersionParams },
        responses: { 200: json(OneVersion, 'The version'), ...errors(400, 404, 410) },
      }),
      async (c) => {
        const { boardId, versionId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        return c.json(toVersion(await requireVersion(boardId, versionId)), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/versions/{versionId}/document',
        operationId: 'getVersionDocument',
        summary: 'A version’s whole board document (a Yjs update), to open it read-only',
        request: { params: VersionParams },
        responses: {
          200: {
            description: 'The document as one Yjs update',
            content: rawContent(['application/octet-stream'], { type: 'string', format: 'binary' }),
          },
          ...errors(400, 404, 410),
        },
      }),
      async (c) => {
        const { boardId, versionId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const snapshot = await ctx.versions.snapshot(boardId, versionId)
        if (!snapshot) throw new ApiError('not_found', 'No version with this id on this board')
        return c.body(new Uint8Array(snapshot), 200, {
          'Content-Type': 'application/octet-stream',
          'Cache-Control': 'private, no-cache',
        })
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/diff.md',
        operationId: 'diffMarkdown',
        summary:
          'What changed between two versions, or a version and now, in words per canvas (markdown)',
        request: {
          params: Params,
          query: z.object({
            from: EntityIdSchema.describe('The earlier version'),
            to: z
              .union([z.literal('now'), EntityIdSchema])
              .default('now')
              .describe('The later version, or now'),
          }),
        },
        responses: {
          200: { description: 'The changes as markdown', content: MarkdownContent },
          ...errors(400, 404, 410),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const { from, to } = c.req.valid('query')
        const board = await requireBoard(ctx, boardId)
        const side = async (versionId: string) => {
          const version = await requireVersion(boardId, versionId)
          const snapshot = await ctx.versions.snapshot(boardId, versionId)
          if (!snapshot) throw new ApiError('not_found', 'No version with this id on this board')
          const doc = new Y.Doc()
          Y.applyUpdate(doc, snapshot)
          return { doc, label: versionLabel(version) }
        }
        const before = await side(from)
        const after =
          to === 'now'
            ? { doc: (await openBoardRoom(ctx, boardId)).doc, label: 'now' }
            : await side(to)
        try {
          const diff = diffBoards(
            { doc: before.doc, canvases: readCanvasesForExport(before.doc) },
            { doc: after.doc, canvases: readCanvasesForExport(after.doc) },
          )
          return c.body(diffMarkdown(board.title, before.label, after.label, diff), 200, {
            'Content-Type': 'text/markdown; charset=utf-8',
          })
        } finally {
          before.doc.destroy()
          if (to !== 'now') after.doc.destroy()
        }
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/versions/{versionId}/restore',
        operationId: 'restoreVersion',
        summary:
          'Restore the whole board, or one canvas, from a version (editors); undone by restoring the version taken just before',
        request: {
          params: VersionParams,
          headers: OptionalParticipantHeaders,
          body: jsonBody(RestoreVersionBodySchema),
        },
        responses: {
          200: json(RestoreResultSchema, 'What the restore changed'),
          ...errors(400, 403, 404, 410, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, versionId } = c.req.valid('param')
        const { canvasId } = c.req.valid('json')
        const version = await requireVersion(boardId, versionId)
        const by = await nameOf(boardId, c.req.valid('header')[ParticipantHeader])
        const label = version.name ?? versionLabel(version)
        const restored = await editBoard(async () => {
          const room = await openBoardRoom(ctx, boardId)
          // A facilitator's lock holds against a restore too; the whole board waits for all.
          if (canvasId) await requireUnlocked(ctx, room, canvasId)
          else if ((await ctx.workshop.get(boardId)).locks.length > 0) {
            throw new ApiError(
              'locked',
              'Something on this board is locked: restoring the whole board waits until a facilitator unlocks it',
            )
          }
          return ctx.versions.restore(boardId, versionId, { canvasId, by, label })
        })
        if (!restored) throw new ApiError('not_found', 'No version with this id on this board')
        if (restored === 'no canvas') {
          throw new ApiError('not_found', 'This version has no canvas with this id')
        }
        return c.json({ ...restored, before: toVersion(restored.before) }, 200)
      },
    )
}
