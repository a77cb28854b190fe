import { describe, expect, it } from 'vitest'
import {
  buildPortfolio,
  portfolioSummary,
  readPortfolioSummary,
  type IndexedProject,
} from './portfolio.js'
import { emptyProjectTracking, type ProjectTracking } from './tracking.js'
import type { Stage } from './stages.js'

const NOW = Date.parse('2026-03-10T12:00:00.000Z')
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`

function project(
  title: string,
  stage: Stage,
  over: Partial<ProjectTracking> = {},
  boardId = 'board-a',
): IndexedProject {
  return {
    boardId,
    boardTitle: boardId === 'board-a' ? 'A' : 'B',
    projectId: `id-${title.toLowerCase().replace(/\W/g, '')}`,
    title,
    owner: 'Ada',
    summary: portfolioSummary({ ...emptyProjectTracking(), stage, ...over }),
  }
}

const movedInto = (stage: Stage, day: number) => ({
  moves: [{ from: 'ideation' as const, to: stage, at: at(day), by: 'Ada', why: 'Go' }],
})
const ended = (outcome: 'succeeded' | 'stopped', stage: Stage) => ({
  end: { outcome, stage, why: `${outcome} in ${stage}`, by: 'Bo', at: at(9) },
})

const projects = [
  project('Churn', 'prototyping', movedInto('prototyping', 3)),
  project('Search', 'data-collection', {
    ...movedInto('data-collection', 2),
    ...ended('stopped', 'data-collection'),
  }),
  project('Pricing', 'monitoring', {
    ...movedInto('monitoring', 1),
    ...ended('succeeded', 'monitoring'),
  }),
  project(
    'Fraud',
    'data-collection',
    { ...movedInto('data-collection', 4), ...ended('stopped', 'data-collection') },
    'board-b',
  ),
  project('Idea', 'ideation'),
]

describe('the portfolio', () => {
  it('counts ended projects by the stage they ended in, whatever the filters', () => {
    const { funnel } = buildPortfolio(projects, () => undefined, { status: ['active'] }, NOW)
    expect(funnel).toEqual([
      { stage: 'ideation', succeeded: 0, stopped: 0 },
      { stage: 'experimentation', succeeded: 0, stopped: 0 },
      { stage: 'data-collection', succeeded: 0, stopped: 2 },
      { stage: 'prototyping', succeeded: 0, stopped: 0 },
      { stage: 'tech-transfer', succeeded: 0, stopped: 0 },
      { stage: 'monitoring', succeeded: 1, stopped: 0 },
    ])
  })

  it('filters by stage and by status, both lists', () => {
    const titles = (query: Parameters<typeof buildPortfolio>[2]) =>
      buildPortfolio(projects, () => undefined, query, NOW).projects.map((p) => p.title)
    expect(titles({ stage: ['data-collection'] })).toEqual(['Search', 'Fraud'])
    expect(titles({ status: ['stopped'], stage: ['data-collection', 'monitoring'] })).toEqual([
      'Search',
      'Fraud',
    ])
    expect(titles({ status: ['active'] })).toEqual(['Churn', 'Idea'])
    expect(buildPortfolio(projects, () => undefined, { status: ['active'] }, NOW).everything).toBe(
      5,
    )
  })

  it('orders by time in stage, an ended project counted until it ended, undated last', () => {
    const rows = buildPortfolio(projects, () => undefined, {}, NOW).projects
    expect(rows.map((r) => [r.title, r.daysInStage])).toEqual([
      ['Pricing', 8],
      ['Churn', 7],
      ['Search', 7],
      ['Fraud', 5],
      ['Idea', null],
    ])
  })

  it('counts linked hypotheses by verdict, leaving out those it cannot see', () => {
    const linked = project('Linked', 'experimentation', {
      links: [
        { boardId: 'board-a', hypothesisId: 'hyp-aaaaaa' },
        { boardId: 'board-a', hypothesisId: 'hyp-bbbbbb' },
        { boardId: 'board-b', hypothesisId: 'hyp-cccccc' },
        { boardId: 'secret', hypothesisId: 'hyp-dddddd' },
      ],
    })
    const verdicts: Record<string, 'supported' | 'pending'> = {
      'hyp-aaaaaa': 'supported',
      'hyp-bbbbbb': 'supported',
      'hyp-cccccc': 'pending',
    }
    const [row] = buildPortfolio([linked], (_board, id) => verdicts[id], {}, NOW).projects
    expect(row!.hypotheses).toEqual({
      total: 3,
      byVerdict: { pending: 1, supported: 2, refuted: 0, inconclusive: 0 },
    })
    expect(row!.lastCheckIn).toBeNull()
    expect(row!.openGates).toBe(0)
  })
})

describe('a portfolio summary read back from the index', () => {
  it('gives back what was written', () => {
    const summary = projects[1]!.summary
    expect(readPortfolioSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary)
  })

  it('refuses one that does not hold up', () => {
    const good = JSON.parse(JSON.stringify(projects[1]!.summary))
    for (const bad of [
      null,
      'text',
      { ...good, stage: 'production' },
      { ...good, openGates: 1.5 },
      { ...good, links: [['board-a']] },
      { ...good, links: 'none' },
      { ...good, end: { ...good.end, outcome: 'abandoned' } },
      { ...good, end: { ...good.end, why: 3 } },
      { ...good, enteredStageAt: 12 },
    ]) {
      expect(readPortfolioSummary(bad), JSON.stringify(bad)).toBeUndefined()
    }
  })
})
