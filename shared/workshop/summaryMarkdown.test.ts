import { describe, expect, it } from 'vitest'
import { emptyTracking } from '../canvases/hypothesis/tracking.js'
import { emptyCanvas } from '../doc/canvasDoc.js'
import type { DrawnContent } from '../doc/drawings.js'
import { workshopSummaryMarkdown } from './summaryMarkdown.js'
import type { Voting } from './voting.js'

const at = Date.parse('2026-11-20T10:00:00Z')
const nothingDrawn: DrawnContent = { items: [], arrows: [], frames: [] }
const stickies: DrawnContent = {
  items: [{ id: 'shape:loose', text: 'Loose idea' }],
  arrows: [],
  frames: [
    {
      id: 'shape:frame',
      title: 'Ideas',
      items: [
        { id: 'shape:a', text: 'Onboarding', author: 'Ana' },
        { id: 'shape:b', text: 'Reminders' },
      ],
      arrows: [{ id: 'shape:arrow', from: 'Onboarding', to: 'Reminders', label: '' }],
      frames: [],
    },
  ],
}

function scriptedWorkshop() {
  const lean = emptyCanvas('lean', 'Churn <b>lean</b>', 'canvasLean01')
  lean.boxes.problem = [
    { id: 'itemProblem1', text: 'Users | forget' },
    { id: 'itemProblem2', text: 'Price' },
  ]
  const hypothesis = {
    ...emptyCanvas('hypothesis', 'Reminders', 'canvasHypo01'),
    tracking: {
      ...emptyTracking(),
      status: 'decided' as const,
      decision: {
        decision: 'pivot' as const,
        rationale: 'Guardrail breached',
        by: 'Ana',
        at: new Date(at).toISOString(),
      },
    },
  }
  const vote: Voting = {
    id: 'voting0001',
    scope: { kind: 'canvas', canvasId: 'canvasLean01' },
    votesPerPerson: 3,
    onePerItem: false,
    status: 'closed',
    startedAt: at,
    endedAt: at + 60_000,
    results: [
      { itemId: 'itemProblem1', label: 'Users | forget', votes: 4 },
      { itemId: 'note1', label: 'Onboarding', votes: 4 },
      { itemId: 'itemProblem2', label: 'Price', votes: 1 },
    ],
    voters: 3,
  }
  return workshopSummaryMarkdown({
    boardTitle: 'Q4 # discovery',
    participants: [
      { name: 'Ana', role: 'owner' },
      { name: '<script>x</script>', role: 'comment' },
    ],
    votes: [vote, { ...vote, id: 'voting0002', status: 'open', results: null }],
    items: [
      { id: 'itemProblem1', label: 'Users | forget', place: 'Churn · Problem' },
      { id: 'itemProblem2', label: 'Price', place: 'Churn · Problem' },
    ],
    canvases: [lean, hypothesis],
    drawings: stickies,
    now: at + 3_600_000,
  })
}

describe('the workshop summary', () => {
  it('lists participants, ranks each finished vote with shared ranks for ties, and the decisions', () => {
    const md = scriptedWorkshop()
    expect(md).toContain('# Workshop summary: Q4 \\# discovery')
    expect(md).toContain('- Ana (owner)')
    expect(md).toContain('- \\<script\\>x\\</script\\> (comment)')
    expect(md).toContain('### Vote on Churn \\<b\\>lean\\</b\\>')
    expect(md).toContain('3 voted · 3 votes each')
    expect(md).toContain('| 1 | Users \\| forget | Churn · Problem | 4 |')
    expect(md).toContain('| 1 | Onboarding |  | 4 |')
    expect(md).toContain('| 3 | Price | Churn · Problem | 1 |')
    expect(md).toContain('- **Reminders**: pivot. Guardrail breached (Ana, 2026-11-20 10:00 UTC)')
    // Only finished votes are reported; one still running stays secret.
    expect(md.match(/### Vote on/g)).toHaveLength(1)
  })

  it('carries every canvas of the board in the export format', () => {
    const md = scriptedWorkshop()
    expect(md).toContain('## Canvases')
    expect(md).toMatch(/## Churn \\<b\\>lean\\<\/b\\>\n<!-- canvas id="canvasLean01"/)
    expect(md).toContain('## Reminders')
    expect(md).not.toMatch(/<b>|<script>/)
  })

  it('lists the stickies after the canvases, under their frames', () => {
    const md = scriptedWorkshop()
    expect(md.indexOf('## Stickies and shapes')).toBeGreaterThan(md.indexOf('## Reminders'))
    expect(md).toContain(
      '### Ideas\n\n- Onboarding — Ana\n- Reminders\n- Onboarding → Reminders\n\n' +
        '### Outside frames\n\n- Loose idea\n',
    )
  })

  it('carries the stickies of a board that has only drawings, with no canvas section', () => {
    const md = workshopSummaryMarkdown({
      boardTitle: 'Stickies only',
      participants: [{ name: 'Ana', role: 'edit' }],
      votes: [],
      items: [],
      canvases: [],
      drawings: stickies,
      now: at,
    })
    expect(md).not.toContain('## Canvases')
    expect(md).not.toContain('No canvases')
    expect(md).toContain('## Decisions\n\n_No decisions recorded._\n\n## Stickies and shapes\n')
    expect(md).toContain('- Onboarding — Ana\n')
  })

  it('says so plainly when nothing happened yet', () => {
    const md = workshopSummaryMarkdown({
      boardTitle: 'Empty',
      participants: [],
      votes: [],
      items: [],
      canvases: [],
      drawings: nothingDrawn,
      now: at,
    })
    expect(md).toContain('_Nobody has joined yet._')
    expect(md).toContain('_No votes were taken._')
    expect(md).toContain('_No decisions recorded._')
    expect(md).toContain('## Canvases\n\n_Nothing on this board yet._')
    expect(md).not.toContain('## Stickies and shapes')
  })
})
