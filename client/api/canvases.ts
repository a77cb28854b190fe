import { z } from 'zod'
import { withBoardKey } from '../access/requestAuth'
import { apiRequest } from './client'

const boardPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`

/** Where a board's markdown export is served (a plain link, so it carries the board key). */
export const boardExportUrl = (boardId: string) =>
  withBoardKey(`${boardPath(boardId)}/export.md`, boardId)

/** Where one canvas's markdown export is served. */
export const canvasExportUrl = (boardId: string, canvasId: string) =>
  withBoardKey(`${boardPath(boardId)}/canvases/${encodeURIComponent(canvasId)}/export.md`, boardId)

const ImportResultSchema = z.object({ ids: z.array(z.string()) })

/**
 * Creates on a board the canvases a markdown file describes; returns their ids. A malformed
 * file is refused whole with an ApiError whose message names the line.
 */
export async function importBoardMarkdown(boardId: string, markdown: Blob): Promise<string[]> {
  const body = new Blob([markdown], { type: 'text/markdown' })
  const result = await apiRequest(`${boardPath(boardId)}/import`, ImportResultSchema, {
    method: 'POST',
    body,
  })
  return result.ids
}
