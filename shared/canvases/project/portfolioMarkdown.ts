import { likelihoodWords } from '../../checkins/checkin.js'
import type { PortfolioResponse } from '../../api/projects.js'
import { Verdicts } from '../hypothesis/verdict.js'
import { cell, row, separator } from '../../markdown/tables.js'
import { stageLabel } from './stages.js'

const days = (n: number | null) => (n === null ? '–' : `${n} d`)

/** The portfolio as markdown (GET /api/portfolio.md): the projects, then the funnel. */
export function portfolioMarkdown(portfolio: PortfolioResponse, now: number): string {
  const lines = [
    '# Portfolio',
    '',
    `As of ${new Date(now).toISOString()}: ${portfolio.projects.length} of ${portfolio.everything} projects.`,
    '',
    '## Projects',
    '',
  ]
  if (portfolio.projects.length === 0) lines.push('_No project matches._', '')
  else {
    lines.push(
      row([
        'Project',
        'Board',
        'Owner',
        'Stage',
        'Status',
        'In stage',
        'Open gates',
        'Hypotheses',
        'Last check-in',
      ]),
      separator(['l', 'l', 'l', 'l', 'l', 'r', 'r', 'l', 'l']),
      ...portfolio.projects.map((p) =>
        row([
          cell(p.title),
          cell(p.boardTitle),
          cell(p.owner),
          stageLabel(p.stage),
          p.status,
          days(p.daysInStage),
          String(p.openGates),
          p.hypotheses.total === 0
            ? 'none'
            : Verdicts.filter((v) => p.hypotheses.byVerdict[v] > 0)
                .map((v) => `${p.hypotheses.byVerdict[v]} ${v}`)
                .join(', '),
          p.lastCheckIn
            ? `${p.lastCheckIn.at.slice(0, 10)}, ${likelihoodWords(p.lastCheckIn.likelihood)}, ${p.lastCheckIn.moving}`
            : 'No check-in yet',
        ]),
      ),
      '',
    )
  }
  lines.push(
    '## Funnel',
    '',
    'Ended projects by the stage they ended in.',
    '',
    row(['Stage', 'Succeeded', 'Stopped']),
    separator(['l', 'r', 'r']),
    ...portfolio.funnel.map((f) =>
      row([stageLabel(f.stage), String(f.succeeded), String(f.stopped)]),
    ),
    '',
  )
  return lines.join('\n')
}
