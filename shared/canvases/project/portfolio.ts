import type { FunnelStage, PortfolioQuery, PortfolioRow } from '../../api/projects.js'
import { Verdicts, type Verdict } from '../hypothesis/verdict.js'
import { Stages } from './stages.js'
import {
  daysInStage,
  enteredStageAt,
  linkKey,
  openGateCount,
  projectStatus,
  type HypothesisLink,
  type ProjectTracking,
} from './tracking.js'

/** A project as the portfolio reads it from the index. */
export interface IndexedProject {
  boardId: string
  boardTitle: string
  projectId: string
  title: string
  owner: string
  record: ProjectTracking
}

/**
 * The portfolio: each project as a row, its linked hypotheses counted by verdict (`verdictOf`
 * answers undefined for one the caller cannot see, or that is gone), the rows the filters keep,
 * and the funnel of every ended project by the stage it ended in.
 */
export function buildPortfolio(
  projects: readonly IndexedProject[],
  verdictOf: (link: HypothesisLink) => Verdict | undefined,
  query: PortfolioQuery,
  now: number,
): { projects: PortfolioRow[]; everything: number; funnel: FunnelStage[] } {
  const funnel = new Map(Stages.map((stage) => [stage, { stage, succeeded: 0, stopped: 0 }]))
  const rows: PortfolioRow[] = []
  const stages = query.stage && new Set<string>(query.stage)
  const statuses = query.status && new Set<string>(query.status)
  for (const p of projects) {
    const status = projectStatus(p.record)
    if (p.record.end) funnel.get(p.record.end.stage)![p.record.end.outcome]++
    if (stages && !stages.has(p.record.stage)) continue
    if (statuses && !statuses.has(status)) continue
    const byVerdict = Object.fromEntries(Verdicts.map((v) => [v, 0])) as Record<Verdict, number>
    let total = 0
    const seen = new Set<string>()
    for (const link of p.record.links) {
      const verdict = seen.has(linkKey(link)) ? undefined : verdictOf(link)
      seen.add(linkKey(link))
      if (verdict === undefined) continue
      byVerdict[verdict]++
      total++
    }
    rows.push({
      boardId: p.boardId,
      boardTitle: p.boardTitle,
      projectId: p.projectId,
      title: p.title,
      owner: p.owner,
      stage: p.record.stage,
      status,
      enteredStageAt: enteredStageAt(p.record),
      daysInStage: daysInStage(p.record, now),
      openGates: openGateCount(p.record, p.record.stage),
      hypotheses: { total, byVerdict },
      lastCheckIn: null,
      endWhy: p.record.end?.why ?? null,
    })
  }
  // Longest in its stage first (undated last), then by board and title: a stable order.
  rows.sort(
    (a, b) =>
      (b.daysInStage ?? -1) - (a.daysInStage ?? -1) ||
      a.boardTitle.localeCompare(b.boardTitle) ||
      a.title.localeCompare(b.title) ||
      (a.projectId < b.projectId ? -1 : 1),
  )
  return { projects: rows, everything: projects.length, funnel: [...funnel.values()] }
}
