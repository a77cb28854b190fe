import type { BoardComments } from '../markdown/exportMarkdown.js'
import { commentsSection } from '../markdown/commentsSection.js'
import type { DrawnContent } from '../doc/drawings.js'
import { drawingsSection } from '../markdown/drawingsSection.js'
import { escapeCell, escapeInline } from '../markdown/escape.js'
import { canvasSection, type ExportCanvas } from '../markdown/exportMarkdown.js'
import { ExportMarker } from '../markdown/format.js'
import type { VotableItem } from './votableItems.js'
import type { Voting } from './voting.js'

/** Someone who took part, as the summary lists them. */
export interface SummaryParticipant {
  name: string
  role: string
}

export interface WorkshopSummaryInput {
  boardTitle: string
  participants: readonly SummaryParticipant[]
  /** Finished votes, oldest first. */
  votes: readonly Voting[]
  /** Where each voted item sits, to show next to it (items deleted since keep their label). */
  items: readonly VotableItem[]
  canvases: readonly ExportCanvas[]
  /** What people drew on the board (`readDrawings`). */
  drawings: DrawnContent
  /** The board's comment threads; the open ones are listed. */
  comments?: BoardComments
  now: number
}

const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'

function scopeLabel(voting: Voting, canvases: readonly ExportCanvas[]): string {
  switch (voting.scope.kind) {
    case 'board':
      return 'the whole board'
    case 'canvas': {
      const id = voting.scope.canvasId
      return canvases.find((c) => c.id === id)?.title ?? 'a canvas'
    }
    case 'frame':
      return 'a frame'
  }
}

function voteSection(voting: Voting, input: WorkshopSummaryInput): string[] {
  const where = new Map(input.items.map((i) => [i.id, i.place]))
  const results = voting.results ?? []
  const rules = `${voting.votesPerPerson} vote${voting.votesPerPerson === 1 ? '' : 's'} each${voting.onePerItem ? ', one per item' : ''}`
  const lines = [
    `### Vote on ${escapeInline(scopeLabel(voting, input.canvases))}`,
    '',
    `${day(voting.startedAt)} · ${voting.voters ?? 0} voted · ${rules}`,
    '',
  ]
  if (results.length === 0) return [...lines, '_Nothing to vote on._', '']
  lines.push('| Rank | Item | Where | Votes |', '| ---: | --- | --- | ---: |')
  let rank = 0
  let previous = Number.NaN
  results.forEach((r, i) => {
    if (r.votes !== previous) rank = i + 1
    previous = r.votes
    lines.push(
      `| ${rank} | ${escapeCell(r.label) || '_(empty)_'} | ${escapeCell(where.get(r.itemId) ?? '')} | ${r.votes} |`,
    )
  })
  return [...lines, '']
}

function decisions(canvases: readonly ExportCanvas[]): string[] {
  // Only a kind that tracks a decision has one (a project's record ends another way).
  const decided = canvases.flatMap((c) =>
    c.tracking && 'decision' in c.tracking && c.tracking.decision
      ? [{ title: c.title, d: c.tracking.decision }]
      : [],
  )
  if (decided.length === 0) return ['_No decisions recorded._', '']
  return [
    ...decided.map((c) => {
      const d = c.d
      return `- **${escapeInline(c.title)}**: ${d.decision}. ${escapeInline(d.rationale)} (${escapeInline(d.by)}, ${day(Date.parse(d.at))})`
    }),
    '',
  ]
}

/** Every canvas in the export format, then what people drew (a board of drawings only: that). */
function canvasesAndDrawings(input: WorkshopSummaryInput): string[] {
  const drawings = drawingsSection(input.drawings)
  if (input.canvases.length === 0) {
    return drawings.length > 0 ? drawings : ['## Canvases', '', '_Nothing on this board yet._', '']
  }
  return [
    '## Canvases',
    '',
    ...input.canvases.flatMap((c) => canvasSection(c, { now: input.now })),
    ...drawings,
  ]
}

/**
 * The markdown a facilitator takes away: who took part, each vote ranked, the decisions
 * recorded on hypotheses, every canvas of the board in the export format and what people drew.
 */
export function workshopSummaryMarkdown(input: WorkshopSummaryInput): string {
  const participants =
    input.participants.length === 0
      ? ['_Nobody has joined yet._', '']
      : [...input.participants.map((p) => `- ${escapeInline(p.name)} (${p.role})`), '']
  const votes = input.votes.filter((v) => v.status === 'closed')
  return [
    ExportMarker,
    '',
    `# Workshop summary: ${escapeInline(input.boardTitle)}`,
    '',
    `Exported ${day(input.now)}`,
    '',
    '## Participants',
    '',
    ...participants,
    '## Votes',
    '',
    ...(votes.length === 0
      ? ['_No votes were taken._', '']
      : votes.flatMap((v) => voteSection(v, input))),
    '## Decisions',
    '',
    ...decisions(input.canvases),
    ...canvasesAndDrawings(input),
    ...(input.comments ? commentsSection(input.comments.threads, input.comments.describe) : []),
  ].join('\n')
}
