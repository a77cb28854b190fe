import type { PortfolioQuery, PortfolioResponse } from '../../shared/api/projects.js'
import {
  readPortfolioSummary,
  buildPortfolio,
  type IndexedProject,
} from '../../shared/canvases/project/portfolio.js'
import { Verdicts, type Verdict } from '../../shared/canvases/hypothesis/verdict.js'
import type { HypothesisVerdictRow, Persistence, ProjectIndexRow } from '../persistence/types.js'
import { trackerRow } from './trackerQuery.js'

/** The index row's summary, checked before it is trusted (the server wrote it, a bug may not). */
function indexedProject(row: ProjectIndexRow & { boardTitle: string }) {
  let json: unknown
  try {
    json = JSON.parse(row.summaryJson)
  } catch {
    return undefined
  }
  const summary = readPortfolioSummary(json)
  if (!summary) return undefined
  const project: IndexedProject = {
    boardId: row.boardId,
    boardTitle: row.boardTitle,
    projectId: row.canvasId,
    title: row.title,
    owner: row.owner,
    summary,
  }
  return project
}

const asVerdict = (v: string | null) => Verdicts.find((known) => known === v)

/**
 * A hypothesis's verdict at `now` (ISO) from what the index kept, or undefined when it kept
 * none. The index writes times as `toISOString()`, so comparing the strings compares the times.
 */
function keptVerdict(row: HypothesisVerdictRow, now: string): Verdict | undefined {
  const ended = row.timeboxEnd !== null && now >= row.timeboxEnd
  return asVerdict(ended ? row.verdictEnded : row.verdictOpen)
}

type Store = Pick<Persistence, 'queryProjects' | 'queryHypotheses' | 'hypothesisVerdicts'>

/**
 * Answers the portfolio from the indexes alone: the projects of the boards in view (`boards`,
 * every live board when undefined), each linked hypothesis judged from the tracker index if its
 * board is in view too.
 */
export async function queryPortfolio(
  store: Store,
  query: PortfolioQuery,
  boards: ReadonlySet<string> | undefined,
  now: number,
): Promise<PortfolioResponse> {
  const projects = (await store.queryProjects({ boardIds: boards && [...boards] }))
    .map(indexedProject)
    .filter((p): p is IndexedProject => p !== undefined)
  const linkedBoards = new Set<string>()
  for (const p of projects) {
    for (const [boardId] of p.summary.links) {
      if (!boards || boards.has(boardId)) linkedBoards.add(boardId)
    }
  }
  // By board, then by hypothesis: no key string is made for each of thousands of hypotheses.
  const verdicts = new Map<string, Map<string, Verdict>>()
  const keep = (boardId: string, hypothesisId: string, verdict: Verdict) => {
    let board = verdicts.get(boardId)
    if (!board) verdicts.set(boardId, (board = new Map()))
    board.set(hypothesisId, verdict)
  }
  if (linkedBoards.size > 0) {
    const unjudged: HypothesisVerdictRow[] = []
    const nowIso = new Date(now).toISOString()
    for (const row of await store.hypothesisVerdicts([...linkedBoards])) {
      const verdict = keptVerdict(row, nowIso)
      if (verdict) keep(row.boardId, row.canvasId, verdict)
      else unjudged.push(row)
    }
    // Rows indexed before verdicts were kept: judged from their metrics, as the tracker does.
    if (unjudged.length > 0) {
      const rows = await store.queryHypotheses({
        boardIds: [...new Set(unjudged.map((r) => r.boardId))],
        canvasIds: unjudged.map((r) => r.canvasId),
      })
      for (const row of rows) keep(row.boardId, row.canvasId, trackerRow(row, now).verdict)
    }
  }
  return buildPortfolio(projects, (b, h) => verdicts.get(b)?.get(h), query, now)
}
