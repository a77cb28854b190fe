import { ImportResultSchema } from '../../shared/api/canvases'
import { withBoardKey } from '../access/requestAuth'
import { answer, api, withKey } from './client'

const boards = api.boards[':boardId']

/** Where a board's markdown export is served (a plain link, so it carries the board key). */
export const boardExportUrl = (boardId: string) =>
  withBoardKey(boards['export.md'].$path({ param: { boardId } }), boardId)

/** Where one canvas's markdown export is served. */
export const canvasExportUrl = (boardId: string, canvasId: string) =>
  withBoardKey(
    boards.canvases[':canvasId']['export.md'].$path({
      param: { boardId, canvasId: encodeURIComponent(canvasId) },
    }),
    boardId,
  )

/**
 * Creates on a board the canvases a markdown file describes; returns their ids. A malformed
 * file is refused whole with an ApiError whose message names the line.
 */
export async function importBoardMarkdown(boardId: string, markdown: Blob): Promise<string[]> {
  const result = await answer(
    boards.import.$post(
      { param: { boardId } },
      withKey(boardId, { headers: { 'Content-Type': 'text/markdown' }, body: markdown }),
    ),
    ImportResultSchema,
  )
  return result.ids
}
