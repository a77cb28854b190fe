import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js'
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import {
  AgentToolInputs,
  AgentTools,
  CanvasResourceTemplate,
  canvasResourceUri,
} from '../../shared/api/agentTools.js'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { CanvasKinds } from '../../shared/canvases/registry.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import { readAllCanvases } from '../../shared/doc/canvasDoc.js'
import { exportCanvasMarkdown } from '../../shared/markdown/exportMarkdown.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { viewOf } from '../hypotheses/hypothesisActions.js'
import { exportCanvasOf, findCanvas, openBoardRoom } from '../routes/boardDoc.js'
import { canvasResponse, createCanvas, updateCanvas } from '../routes/canvasEdits.js'
import type { AgentKit } from './agentKit.js'
import { refusalOf } from './agentKit.js'

const T = AgentTools
const I = AgentToolInputs

/** Boards and canvases: list, read (JSON or markdown), create, change; canvases as resources. */
export function registerCanvasTools(kit: AgentKit) {
  const { ctx } = kit

  kit.tool(
    T.listBoards,
    'The boards this key opens, with the role it gives on each (an ingestion token: its board)',
    I[T.listBoards],
    async (_args, { credential }) => {
      if (credential.kind === 'token') {
        return { boards: [{ id: credential.boardId, access: 'post measurements' }] }
      }
      const own = await ctx.persistence.getBoard(credential.boardId)
      const boards = own ? [{ ...own, role: credential.role }] : []
      if (ctx.access.openInstance) {
        // On an open instance everyone may edit every board, and a key only raises that.
        for (const board of await ctx.persistence.listBoards({ deleted: false })) {
          if (board.id !== credential.boardId) boards.push({ ...board, role: 'edit' })
        }
      }
      return { boards }
    },
  )

  kit.tool(
    T.listCanvases,
    'The canvases of a board: id, kind, title and resource address',
    I[T.listCanvases],
    async ({ boardId }) => {
      await kit.allow(boardId, 'view')
      const room = await openBoardRoom(ctx, boardId)
      return {
        canvases: readAllCanvases(room.doc).map(({ id, kind, title }) => ({
          id,
          kind,
          title,
          uri: canvasResourceUri(boardId, id),
        })),
      }
    },
  )

  kit.tool(
    T.readCanvas,
    'A canvas as typed JSON (boxes by key, items with ids, metrics, steps and figures; a ' +
      'hypothesis with its status, time box, amendments, measurements and verdict) or as markdown',
    I[T.readCanvas],
    async ({ boardId, canvasId, format }) => {
      await kit.allow(boardId, 'view')
      const found = await findCanvas(ctx, boardId, canvasId)
      if (format === 'markdown') {
        return exportCanvasMarkdown(exportCanvasOf(found.content, found.map), { now: ctx.now() })
      }
      // A hypothesis comes with its lifecycle: status, time box, amendments, measurements, verdict.
      if (found.content.kind === hypothesisSpec.kind) {
        return { ...canvasResponse(found.content), hypothesis: viewOf(found, ctx.now()) }
      }
      return canvasResponse(found.content)
    },
  )

  kit.tool(
    T.createCanvas,
    `Create a canvas of a kind (${CanvasKinds.join(', ')}); boxes map box keys to item texts`,
    I[T.createCanvas],
    async ({ boardId, ...body }) => {
      const role = await kit.allow(boardId, 'edit')
      const created = await createCanvas(ctx, boardId, body, kit.agent().name)
      kit.noteChange(boardId, role)
      return created
    },
  )

  kit.tool(
    T.updateCanvas,
    'Change what the input names and nothing else: title, fields, whole boxes (items are new texts ' +
      'or { id, text? } of kept items), a hypothesis sentence, value-stream steps. A hypothesis’s ' +
      'status, time box and criteria change with update_hypothesis.',
    I[T.updateCanvas],
    async ({ boardId, canvasId, ...body }) => {
      const role = await kit.allow(boardId, 'edit')
      const updated = await updateCanvas(ctx, boardId, canvasId, body)
      kit.noteChange(boardId, role)
      return updated
    },
  )

  kit.server.registerResource(
    'canvas',
    new ResourceTemplate(CanvasResourceTemplate, {
      // The canvases of the board the key opens.
      list: async () => {
        const { credential } = kit.session
        if (credential.kind !== 'key') return { resources: [] }
        const board = await ctx.persistence.getBoard(credential.boardId)
        if (!board || board.deletedAt) return { resources: [] }
        const room = await openBoardRoom(ctx, credential.boardId)
        return {
          resources: readAllCanvases(room.doc).map(({ id, title }) => ({
            uri: canvasResourceUri(credential.boardId, id),
            name: title || id,
            mimeType: 'application/json',
          })),
        }
      },
    }),
    {
      description: 'A canvas of a board, as its typed JSON and as markdown',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const boardId = BoardIdSchema.safeParse(variables.boardId)
      const canvasId = EntityIdSchema.safeParse(variables.canvasId)
      if (!boardId.success || !canvasId.success) {
        throw new McpError(ErrorCode.InvalidParams, `Not a canvas address: ${uri.href}`)
      }
      try {
        await kit.allow(boardId.data, 'view')
        const found = await findCanvas(ctx, boardId.data, canvasId.data)
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: 'application/json',
              text: JSON.stringify(canvasResponse(found.content), null, 2),
            },
            {
              uri: uri.href,
              mimeType: 'text/markdown',
              text: exportCanvasMarkdown(exportCanvasOf(found.content, found.map), {
                now: ctx.now(),
              }),
            },
          ],
        }
      } catch (error) {
        throw new McpError(ErrorCode.InvalidParams, refusalOf(ctx, error))
      }
    },
  )
}
