import { createRoute } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CanvasResponseSchema,
  CreateCanvasBodySchema,
  ImportResultSchema,
  UpdateCanvasBodySchema,
} from '../../shared/api/canvases.js'
import { getCanvasSpec } from '../../shared/canvases/registry.js'
import { EntityIdSchema, newId } from '../../shared/canvases/schema.js'
import { ContentInputError } from '../../shared/canvases/types.js'
import {
  getBoardCanvases,
  readAllCanvases,
  withNewIds,
  writeCanvas,
} from '../../shared/doc/canvasDoc.js'
import {
  exportBoardMarkdown,
  exportCanvasMarkdown,
  type ExportCanvas,
} from '../../shared/markdown/exportMarkdown.js'
import { relinkMetrics } from './metricLinks.js'
import { MarkdownImportError, importMarkdown } from '../../shared/markdown/importMarkdown.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { MarkdownContent, errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import { MaxImportBytes } from '../../shared/protocol/limits.js'
import { requireBoard } from './boards.js'
import {
  editBoard,
  exportCanvasOf,
  readCommentsForExport,
  findCanvas,
  openBoardRoom,
  readCanvasesForExport,
  readDrawingsForExport,
  requireRoomFor,
} from './boardDoc.js'
import {
  boardRoomToEdit,
  canvasResponse,
  createCanvas,
  findCanvasToEdit,
  updateCanvas,
} from './canvasEdits.js'

const BoardParams = z.object({ boardId: BoardIdSchema })
const CanvasParams = z.object({ boardId: BoardIdSchema, canvasId: EntityIdSchema })
// Named: the document shows the canvas schema once.
const Canvas = CanvasResponseSchema.meta({ id: 'Canvas' })

const markdown = (body: string) =>
  new Response(body, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } })
const MarkdownExport = (description: string) => ({ description, content: MarkdownContent })

/** Typed canvas content of a board: list, read, create, patch, delete, export and import. */
export function canvasRoutes(ctx: ServerContext) {
  const room = (boardId: string) => openBoardRoom(ctx, boardId)
  const find = (boardId: string, canvasId: string) => findCanvas(ctx, boardId, canvasId)
  const findToEdit = (boardId: string, canvasId: string) => findCanvasToEdit(ctx, boardId, canvasId)
  const roomToEdit = (boardId: string) => boardRoomToEdit(ctx, boardId)

  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases',
        operationId: 'listCanvases',
        summary: 'Every canvas of the board with its typed content (and computed figures)',
        request: { params: BoardParams },
        responses: {
          200: json(z.object({ canvases: z.array(Canvas) }), 'The canvases'),
          ...errors(400, 404),
        },
      }),
      async (c) => {
        const r = await room(c.req.valid('param').boardId)
        return c.json({ canvases: readAllCanvases(r.doc).map(canvasResponse) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/canvases',
        operationId: 'createCanvas',
        summary: 'Create a canvas; boxes map box keys to arrays of strings',
        request: { params: BoardParams, body: jsonBody(CreateCanvasBodySchema) },
        responses: {
          201: json(Canvas, 'The new canvas'),
          ...errors(400, 403, 404, 413, 423, 503),
        },
      }),
      async (c) => {
        const created = await createCanvas(ctx, c.req.valid('param').boardId, c.req.valid('json'))
        return c.json(created, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases/{canvasId}',
        operationId: 'getCanvas',
        summary: 'Read a canvas',
        request: { params: CanvasParams },
        responses: { 200: json(Canvas, 'The canvas'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        return c.json(canvasResponse((await find(boardId, canvasId)).content), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{boardId}/canvases/{canvasId}',
        operationId: 'updateCanvas',
        summary: 'Change what the body names and nothing else',
        description:
          'Items are strings (new) or { id, text?, metric? }; `metric` ({ canvasId, metricKey } of ' +
          'a hypothesis on this board, or null) links a Lean key metric or ML monitoring item. ' +
          'On a value-stream map, steps take `parallel` and the map `displayUnit`. ' +
          'On a hypothesis: `status` moves it under the ' +
          'lifecycle rules (409 with the reason when refused, e.g. a criterion without baseline ' +
          'or target); `timeboxDays` sets the time box before it runs; changing metrics once it ' +
          'runs needs a `reason` and is kept as an amendment (409 without one); `lessons` cannot ' +
          'be changed here (append-only).',
        request: { params: CanvasParams, body: jsonBody(UpdateCanvasBodySchema) },
        responses: {
          200: json(Canvas, 'The changed canvas'),
          ...errors(400, 403, 404, 409, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const updated = await updateCanvas(ctx, boardId, canvasId, c.req.valid('json'))
        return c.json(updated, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/canvases/{canvasId}',
        operationId: 'deleteCanvas',
        summary: 'Delete a canvas',
        request: { params: CanvasParams },
        responses: { 204: { description: 'Deleted' }, ...errors(400, 403, 404, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        await editBoard(async () => {
          const found = await findToEdit(boardId, canvasId)
          await found.room.transact((doc) => getBoardCanvases(doc).delete(canvasId))
        })
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/export.md',
        operationId: 'exportBoardMarkdown',
        summary: 'The board as markdown (docs/markdown-format.md)',
        request: { params: BoardParams },
        responses: { 200: MarkdownExport('The board as markdown'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const board = await requireBoard(ctx, boardId)
        const participants = await ctx.persistence.listParticipants(boardId)
        const r = await ctx.rooms.getRoom(boardId)
        return markdown(
          exportBoardMarkdown(board.title, readCanvasesForExport(r.doc), {
            now: ctx.now(),
            drawings: readDrawingsForExport(r.doc, participants),
            comments: await readCommentsForExport(ctx, boardId, r.doc),
          }),
        )
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases/{canvasId}/export.md',
        operationId: 'exportCanvasMarkdown',
        summary: 'One canvas as markdown',
        request: { params: CanvasParams },
        responses: { 200: MarkdownExport('The canvas as markdown'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const found = await find(boardId, canvasId)
        return markdown(
          exportCanvasMarkdown(exportCanvasOf(found.content, found.map), { now: ctx.now() }),
        )
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/import',
        operationId: 'importMarkdown',
        summary: 'Create the canvases a markdown export describes; all or nothing',
        description:
          `A malformed file is refused whole with a 400 naming the line (\`details.line\`). ` +
          `At most ${MaxImportBytes} bytes.`,
        middleware: [
          bodyLimit({
            maxSize: MaxImportBytes,
            onError: () => {
              throw new ApiError(
                'payload_too_large',
                `Imports may be at most ${MaxImportBytes} bytes`,
              )
            },
          }),
        ],
        request: { params: BoardParams, body: { required: true, content: MarkdownContent } },
        responses: {
          201: json(ImportResultSchema, 'The ids of the canvases created'),
          ...errors(400, 403, 404, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const text = await c.req.text()
        let imported
        const notes: string[] = []
        try {
          imported = importMarkdown(text)
          // Refuses what cannot be true now, and keeps what is restored as history.
          for (const canvas of imported.canvases) {
            const rules = getCanvasSpec(canvas.kind).tracking?.imported
            if (!rules || !canvas.tracking) continue
            const restored = rules(canvas, canvas.tracking, ctx.now(), newId)
            canvas.tracking = restored.tracking
            notes.push(...restored.notes)
          }
        } catch (error) {
          if (error instanceof MarkdownImportError) {
            throw new ApiError('invalid_body', error.message, { line: error.line })
          }
          if (error instanceof ContentInputError) throw new ApiError('invalid_body', error.message)
          throw error
        }
        // The room is opened after the body is read: reading it may take a while.
        const canvases = await editBoard(async () => {
          const r = await roomToEdit(boardId)
          requireRoomFor(r, text.length)
          const existing = getBoardCanvases(r.doc)
          // Ids are kept so a round trip is exact; a canvas already on this board gets new ids.
          const renamed = new Map<string, string>()
          const fresh = relinkMetrics(
            imported.canvases.map((canvas) => {
              if (!existing.has(canvas.id)) return canvas
              const copy = withNewImportIds(canvas)
              renamed.set(canvas.id, copy.id)
              return copy
            }),
            renamed,
          )
          await r.transact((doc) =>
            fresh.forEach((canvas) => {
              const map = writeCanvas(doc, canvas)
              const tracking = getCanvasSpec(canvas.kind).tracking
              if (tracking && canvas.tracking) tracking.write(map, canvas.tracking)
            }),
          )
          return fresh
        })
        return c.json({ ids: canvases.map((canvas) => canvas.id), notes }, 201)
      },
    )
}

/** A copy of an imported canvas with new ids, its tracking following the renamed items. */
function withNewImportIds(canvas: ExportCanvas): ExportCanvas {
  const renamed = new Map<string, string>()
  const copy = withNewIds(canvas, renamed)
  const renew = getCanvasSpec(canvas.kind).tracking?.renewIds
  return canvas.tracking && renew ? { ...copy, tracking: renew(canvas.tracking, renamed) } : copy
}
