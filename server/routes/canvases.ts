import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CreateCanvasBodySchema,
  UpdateCanvasBodySchema,
  type CanvasResponse,
} from '../../shared/api/canvases.js'
import { getCanvasDefinition } from '../../shared/canvases/registry.js'
import { EntityIdSchema, newId, type CanvasContent } from '../../shared/canvases/schema.js'
import { compareStreams } from '../../shared/canvases/vsm/figures.js'
import {
  applyCanvasContent,
  emptyCanvas,
  getBoardCanvases,
  readAllCanvases,
  readCanvas,
  writeCanvas,
} from '../../shared/doc/canvasDoc.js'
import {
  exportBoardMarkdown,
  exportCanvasMarkdown,
  type ExportCanvas,
} from '../../shared/markdown/exportMarkdown.js'
import { writeTracking } from '../../shared/doc/hypothesisDoc.js'
import { MarkdownImportError, importMarkdown } from '../../shared/markdown/importMarkdown.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { validate } from '../http/validate.js'
import { MaxImportBytes } from '../../shared/protocol/limits.js'
import { requireBoard } from './boards.js'
import {
  editBoard,
  exportCanvasOf,
  findCanvas,
  openBoardRoom,
  readCanvasesForExport,
  requireRoomFor,
} from './boardDoc.js'
import { toCanvasContent } from './canvasInput.js'
import { planHypothesisChange } from '../hypotheses/hypothesisActions.js'

const BoardParams = z.object({ boardId: BoardIdSchema })
const CanvasParams = z.object({ boardId: BoardIdSchema, canvasId: EntityIdSchema })

/** The API view of a canvas: content plus value-stream figures. */
export function canvasResponse(content: CanvasContent): CanvasResponse {
  if (content.kind !== 'vsm') return content
  return { ...content, figures: compareStreams(content.current ?? [], content.future ?? []) }
}

const markdown = (body: string) =>
  new Response(body, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } })

/** Typed canvas content of a board: list, read, create, patch, delete, export and import. */
export function canvasRoutes(ctx: ServerContext) {
  const room = (boardId: string) => openBoardRoom(ctx, boardId)
  const find = (boardId: string, canvasId: string) => findCanvas(ctx, boardId, canvasId)

  return new Hono()
    .get('/:boardId/canvases', validate('param', BoardParams), async (c) => {
      const r = await room(c.req.valid('param').boardId)
      return c.json({ canvases: readAllCanvases(r.doc).map(canvasResponse) })
    })
    .post(
      '/:boardId/canvases',
      validate('param', BoardParams),
      validate('json', CreateCanvasBodySchema),
      async (c) => {
        const body = c.req.valid('json')
        const content = toCanvasContent(emptyCanvas(body.kind, body.title), body, [])
        const created = await editBoard(async () => {
          const r = await room(c.req.valid('param').boardId)
          requireRoomFor(r, JSON.stringify(content).length)
          await r.transact((doc) => writeCanvas(doc, content))
          return canvasResponse(readCanvas(content.id, getBoardCanvases(r.doc).get(content.id)!)!)
        })
        return c.json(created, 201)
      },
    )
    .get('/:boardId/canvases/:canvasId', validate('param', CanvasParams), async (c) => {
      const { boardId, canvasId } = c.req.valid('param')
      return c.json(canvasResponse((await find(boardId, canvasId)).content))
    })
    .patch(
      '/:boardId/canvases/:canvasId',
      validate('param', CanvasParams),
      validate('json', UpdateCanvasBodySchema),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const { status, timeboxDays, reason, by, ...body } = c.req.valid('json')
        const updated = await editBoard(async () => {
          const found = await find(boardId, canvasId)
          requireRoomFor(found.room, JSON.stringify(body).length)
          const isHypothesis = found.content.kind === 'hypothesis'
          if (!isHypothesis && (status ?? timeboxDays ?? reason) !== undefined) {
            throw new ApiError(
              'invalid_body',
              'only a hypothesis has a status, time box or amendments',
            )
          }
          if (isHypothesis && body.boxes?.lessons !== undefined) {
            throw new ApiError(
              'invalid_body',
              'lessons learned are append-only: add one with POST …/hypotheses/:hypothesisId/lessons',
            )
          }
          // A body that names only hypothesis parts changes no content: patch with nothing named.
          const named = Object.keys(body)
          const patch = toCanvasContent(found.content, body, named.length > 0 ? named : ['title'])
          // Metrics of a hypothesis go through the lifecycle rules (locked once it runs).
          const { metrics, ...rest } = patch
          const hypothesisEdit = isHypothesis
            ? planHypothesisChange(
                found,
                { metrics, status, timeboxDays, reason, by: by ?? 'API' },
                ctx.now(),
              )
            : undefined
          await found.room.transact(() => {
            applyCanvasContent(found.map, isHypothesis ? rest : patch)
            hypothesisEdit?.()
          })
          return canvasResponse(readCanvas(canvasId, found.map)!)
        })
        return c.json(updated)
      },
    )
    .delete('/:boardId/canvases/:canvasId', validate('param', CanvasParams), async (c) => {
      const { boardId, canvasId } = c.req.valid('param')
      await editBoard(async () => {
        const found = await find(boardId, canvasId)
        await found.room.transact((doc) => getBoardCanvases(doc).delete(canvasId))
      })
      return c.body(null, 204)
    })
    .get('/:boardId/export.md', validate('param', BoardParams), async (c) => {
      const { boardId } = c.req.valid('param')
      const board = await requireBoard(ctx, boardId)
      const r = await ctx.rooms.getRoom(boardId)
      return markdown(
        exportBoardMarkdown(board.title, readCanvasesForExport(r.doc), { now: ctx.now() }),
      )
    })
    .get('/:boardId/canvases/:canvasId/export.md', validate('param', CanvasParams), async (c) => {
      const { boardId, canvasId } = c.req.valid('param')
      const found = await find(boardId, canvasId)
      return markdown(
        exportCanvasMarkdown(exportCanvasOf(found.content, found.map), { now: ctx.now() }),
      )
    })
    .post(
      '/:boardId/import',
      validate('param', BoardParams),
      bodyLimit({
        maxSize: MaxImportBytes,
        onError: () => {
          throw new ApiError(
            'payload_too_large',
            `Imports may be at most ${MaxImportBytes} bytes`,
          )
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const text = await c.req.text()
        let imported
        try {
          imported = importMarkdown(text)
        } catch (error) {
          if (error instanceof MarkdownImportError) {
            throw new ApiError('invalid_body', error.message, { line: error.line })
          }
          throw error
        }
        // The room is opened after the body is read: reading it may take a while.
        const canvases = await editBoard(async () => {
          const r = await room(boardId)
          requireRoomFor(r, text.length)
          const existing = getBoardCanvases(r.doc)
          // Ids are kept so a round trip is exact; a canvas already on this board gets new ids.
          const fresh = imported.canvases.map((canvas) =>
            existing.has(canvas.id) ? withNewIds(canvas) : canvas,
          )
          await r.transact((doc) =>
            fresh.forEach((canvas) => {
              const map = writeCanvas(doc, canvas)
              if (canvas.tracking) writeTracking(map, canvas.tracking)
            }),
          )
          return fresh
        })
        return c.json({ ids: canvases.map((canvas) => canvas.id) }, 201)
      },
    )
}

function withNewIds(canvas: ExportCanvas): ExportCanvas {
  const renamed = new Map<string, string>()
  const fresh = <T extends { id: string }>(list: T[] | undefined) =>
    list?.map((x) => {
      const id = newId()
      renamed.set(x.id, id)
      return { ...x, id }
    })
  const definition = getCanvasDefinition(canvas.kind)
  const boxes = Object.fromEntries(
    definition.boxes.map((b) => [b.key, fresh(canvas.boxes[b.key]) ?? []]),
  )
  // Lessons are the lessons box's items: their dates follow the items' new ids.
  const tracking = canvas.tracking && {
    ...canvas.tracking,
    lessons: canvas.tracking.lessons.map((l) => ({ ...l, id: renamed.get(l.id) ?? l.id })),
  }
  return {
    ...canvas,
    ...(tracking && { tracking }),
    id: newId(),
    boxes,
    metrics: fresh(canvas.metrics),
    current: fresh(canvas.current),
    future: fresh(canvas.future),
  }
}
