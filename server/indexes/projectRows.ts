import * as Y from 'yjs'
import { isProjectMap } from '../../shared/canvases/project/content.js'
import { readProjectTracking } from '../../shared/canvases/project/projectDoc.js'
import { projectStatus } from '../../shared/canvases/project/tracking.js'
import { portfolioSummary } from '../../shared/canvases/project/portfolio.js'
import { getBoardCanvases, readCanvas } from '../../shared/doc/canvasDoc.js'
import type { ProjectIndexRow } from '../persistence/types.js'

/** The portfolio index rows of every project canvas in a board document. */
export function projectRows(boardId: string, doc: Y.Doc): ProjectIndexRow[] {
  const rows: ProjectIndexRow[] = []
  for (const [canvasId, map] of getBoardCanvases(doc).entries()) {
    // Any client may have written anything here: skip what is not a project canvas map.
    if (!(map instanceof Y.Map) || !isProjectMap(map)) continue
    const content = readCanvas(canvasId, map)
    if (!content) continue
    const record = readProjectTracking(map)
    rows.push({
      boardId,
      canvasId,
      title: content.title,
      owner: content.fields.owner ?? '',
      stage: record.stage,
      status: projectStatus(record),
      summaryJson: JSON.stringify(portfolioSummary(record)),
    })
  }
  return rows
}
