import type { PortfolioQuery, PortfolioResponse } from '../../shared/api/projects.js'
import { buildPortfolio, type IndexedProject } from '../../shared/canvases/project/portfolio.js'
import { ProjectTrackingSchema, linkKey } from '../../shared/canvases/project/tracking.js'
import type { Verdict } from '../../shared/canvases/hypothesis/verdict.js'
import type { Persistence } from '../persistence/types.js'
import { trackerRow } from './trackerQuery.js'

/** The index row's record, checked before it is trusted (the server wrote it, a bug may not). */
function indexedProject(row: Awaited<ReturnType<Persistence['queryProjects']>>[number]) {
  let record: unknown
  try {
    record = JSON.parse(row.recordJson)
  } catch {
    return undefined
  }
  const parsed = ProjectTrackingSchema.safeParse(record)
  if (!parsed.success) return undefined
  const project: IndexedProject = {
    boardId: row.boardId,
    boardTitle: row.boardTitle,
    projectId: row.canvasId,
    title: row.title,
    owner: row.owner,
    record: parsed.data,
  }
  return project
}

/**
 * Answers the portfolio from the indexes alone: the projects of the boards in view (`boards`,
 * every live board when undefined), each linked hypothesis judged from the tracker index if its
 * board is in view too.
 */
export async function queryPortfolio(
  store: Pick<Persistence, 'queryProjects' | 'queryHypotheses'>,
  query: PortfolioQuery,
  boards: ReadonlySet<string> | undefined,
  now: number,
): Promise<PortfolioResponse> {
  const boardIds = boards && [...boards]
  const projects = (await store.queryProjects({ boardIds }))
    .map(indexedProject)
    .filter((p): p is IndexedProject => p !== undefined)
  const linked = projects.flatMap((p) =>
    p.record.links.filter((l) => !boards || boards.has(l.boardId)),
  )
  const verdicts = new Map<string, Verdict>()
  if (linked.length > 0) {
    const hypotheses = await store.queryHypotheses({
      boardIds: [...new Set(linked.map((l) => l.boardId))],
      canvasIds: [...new Set(linked.map((l) => l.hypothesisId))],
    })
    for (const row of hypotheses) {
      const key = linkKey({ boardId: row.boardId, hypothesisId: row.canvasId })
      verdicts.set(key, trackerRow(row, now).verdict)
    }
  }
  return buildPortfolio(projects, (link) => verdicts.get(linkKey(link)), query, now)
}
