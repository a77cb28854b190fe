import type { FunnelStage, PortfolioQuery, PortfolioRow } from '../../api/projects.js'
import type { Verdict } from '../hypothesis/verdict.js'
import { Stages, type Stage } from './stages.js'
import {
  Outcomes,
  enteredStageAt,
  openGateCount,
  projectCheckinDueAt,
  type Outcome,
  type ProjectTracking,
} from './tracking.js'

/**
 * What the portfolio needs of a project, kept in its index row: small, so a thousand of them
 * are read and checked in a few milliseconds. Links are `[boardId, hypothesisId]` pairs.
 */
export interface PortfolioSummary {
  stage: Stage
  enteredStageAt: string | null
  openGates: number
  end: { outcome: Outcome; stage: Stage; why: string; at: string } | null
  links: [boardId: string, hypothesisId: string][]
  /** The last check-in; absent in summaries indexed before check-ins. */
  lastCheckIn?: PortfolioRow['lastCheckIn']
  /** When the next check-in is due (ISO), null when none is; absent in older summaries. */
  checkinDueAt?: string | null
}

const stages = new Set<unknown>(Stages)
const outcomes = new Set<unknown>(Outcomes)
const isText = (v: unknown): v is string => typeof v === 'string'

/**
 * A summary read back from the index, checked field by field (a schema library costs more than
 * the rest of the portfolio for a thousand of them), or undefined when it does not hold up.
 */
export function readPortfolioSummary(value: unknown): PortfolioSummary | undefined {
  if (!value || typeof value !== 'object') return undefined
  const v = value as Record<string, unknown>
  if (!stages.has(v.stage) || !(v.enteredStageAt === null || isText(v.enteredStageAt))) return
  if (typeof v.openGates !== 'number' || !Number.isInteger(v.openGates)) return
  if (!Array.isArray(v.links)) return
  for (const link of v.links as unknown[]) {
    if (!Array.isArray(link) || link.length !== 2 || !isText(link[0]) || !isText(link[1])) return
  }
  if (v.end !== null) {
    const end = v.end as Record<string, unknown> | undefined
    if (!end || typeof end !== 'object' || !outcomes.has(end.outcome) || !stages.has(end.stage))
      return
    if (!isText(end.why) || !isText(end.at)) return
  }
  if (v.lastCheckIn !== undefined && v.lastCheckIn !== null) {
    const c = v.lastCheckIn as Record<string, unknown>
    if (typeof c !== 'object' || !isText(c.at) || (c.moving !== 'forward' && c.moving !== 'stuck'))
      return
    if (!c.likelihood || typeof c.likelihood !== 'object') return
  }
  return value as PortfolioSummary
}

/** The portfolio's summary of a project's record. */
export const portfolioSummary = (record: ProjectTracking): PortfolioSummary => ({
  stage: record.stage,
  enteredStageAt: enteredStageAt(record),
  openGates: openGateCount(record, record.stage),
  end: record.end && {
    outcome: record.end.outcome,
    stage: record.end.stage,
    why: record.end.why,
    at: record.end.at,
  },
  links: record.links.map((l) => [l.boardId, l.hypothesisId]),
  lastCheckIn: lastCheckInOf(record),
  checkinDueAt: projectCheckinDueAt(record),
})

function lastCheckInOf(record: ProjectTracking): PortfolioRow['lastCheckIn'] {
  const last = record.checkins?.at(-1)
  if (!last) return null
  const moving = last.momentum === 'moving' ? ('forward' as const) : ('stuck' as const)
  return { at: last.at, likelihood: last.likelihood, moving }
}

/** A project as the portfolio reads it from the index. */
export interface IndexedProject {
  boardId: string
  boardTitle: string
  projectId: string
  title: string
  owner: string
  summary: PortfolioSummary
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days in the stage until `now` (or the end), null when undated. */
function daysIn(s: PortfolioSummary, now: number): number | null {
  if (s.enteredStageAt === null) return null
  const until = s.end ? Date.parse(s.end.at) : now
  return Math.max(0, Math.floor((until - Date.parse(s.enteredStageAt)) / DAY_MS))
}

/**
 * The portfolio: each project as a row, its linked hypotheses counted by verdict (`verdictOf`
 * answers undefined for one the caller cannot see, or that is gone), the rows the filters keep,
 * and the funnel of every ended project by the stage it ended in. A project's links are unique
 * (the document keys them by board and hypothesis).
 */
export function buildPortfolio(
  projects: readonly IndexedProject[],
  verdictOf: (boardId: string, hypothesisId: string) => Verdict | undefined,
  query: PortfolioQuery,
  now: number,
): { projects: PortfolioRow[]; everything: number; funnel: FunnelStage[] } {
  const funnel = new Map(Stages.map((stage) => [stage, { stage, succeeded: 0, stopped: 0 }]))
  const rows: PortfolioRow[] = []
  const stages = query.stage && new Set<string>(query.stage)
  const statuses = query.status && new Set<string>(query.status)
  for (const p of projects) {
    const s = p.summary
    const status = s.end?.outcome ?? 'active'
    if (s.end) funnel.get(s.end.stage)![s.end.outcome]++
    if (stages && !stages.has(s.stage)) continue
    if (statuses && !statuses.has(status)) continue
    const byVerdict: Record<Verdict, number> = {
      pending: 0,
      supported: 0,
      refuted: 0,
      inconclusive: 0,
    }
    let total = 0
    for (const [boardId, hypothesisId] of s.links) {
      const verdict = verdictOf(boardId, hypothesisId)
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
      stage: s.stage,
      status,
      enteredStageAt: s.enteredStageAt,
      daysInStage: daysIn(s, now),
      openGates: s.openGates,
      hypotheses: { total, byVerdict },
      lastCheckIn: s.lastCheckIn ?? null,
      endWhy: s.end?.why ?? null,
    })
  }
  // Longest in its stage first (undated last), then by board and title: a stable order.
  // Plain comparisons: a locale-aware one costs more than the rest of the answer.
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)
  rows.sort(
    (a, b) =>
      (b.daysInStage ?? -1) - (a.daysInStage ?? -1) ||
      byText(a.boardTitle, b.boardTitle) ||
      byText(a.title, b.title) ||
      byText(a.projectId, b.projectId),
  )
  return { projects: rows, everything: projects.length, funnel: [...funnel.values()] }
}
