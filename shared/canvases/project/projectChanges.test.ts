import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, getBoardCanvases, writeCanvas } from '../../doc/canvasDoc.js'
import { projectCanvas } from './definition.js'
import {
  planEnd,
  planGateAnswer,
  planLink,
  planMove,
  type PlannedChange,
} from './projectChanges.js'
import { readProjectTracking } from './projectDoc.js'
import { daysInStage, gatesOf, openGateCount, projectStatus } from './tracking.js'

const DAY = 24 * 60 * 60 * 1000
const T0 = Date.parse('2026-03-02T09:00:00.000Z')

function project() {
  const doc = new Y.Doc()
  const content = emptyCanvas(projectCanvas.kind, 'Churn model')
  doc.transact(() => writeCanvas(doc, content))
  const map = getBoardCanvases(doc).get(content.id)!
  const apply = (change: PlannedChange) => {
    if (!change.ok) throw new Error(change.message)
    doc.transact(change.write)
  }
  return { map, apply, read: () => readProjectTracking(map) }
}

describe('moving a project between stages', () => {
  it('records who, when and why, and dates the stage left and the stage entered', () => {
    const p = project()
    p.apply(planMove(p.map, { to: 'experimentation', why: 'Problem framed', by: 'Ada' }, T0))
    p.apply(planMove(p.map, { to: 'data-collection', why: 'Hypothesis held', by: 'Bo' }, T0 + DAY))
    const t = p.read()
    expect(t.stage).toBe('data-collection')
    expect(t.moves.map((m) => [m.from, m.to, m.by, m.why])).toEqual([
      ['ideation', 'experimentation', 'Ada', 'Problem framed'],
      ['experimentation', 'data-collection', 'Bo', 'Hypothesis held'],
    ])
    expect(t.dates.experimentation).toMatchObject({
      actualStart: '2026-03-02',
      actualEnd: '2026-03-03',
    })
    expect(t.dates['data-collection']).toMatchObject({ actualStart: '2026-03-03', actualEnd: null })
    expect(daysInStage(t, T0 + 5 * DAY)).toBe(4)
  })

  it('moves back a stage too, and the stage entered again starts again', () => {
    const p = project()
    p.apply(planMove(p.map, { to: 'prototyping', why: 'Data was there', by: 'Ada' }, T0))
    p.apply(
      planMove(p.map, { to: 'data-collection', why: 'Labels too noisy', by: 'Ada' }, T0 + DAY),
    )
    expect(p.read().stage).toBe('data-collection')
    expect(p.read().moves.at(-1)).toMatchObject({ from: 'prototyping', why: 'Labels too noisy' })
  })

  it('refuses a move without a reason, to the stage it is in, or after the end', () => {
    const p = project()
    expect(planMove(p.map, { to: 'prototyping', why: '  ', by: 'Ada' }, T0)).toEqual({
      ok: false,
      message: 'Say why the project moves',
    })
    expect(planMove(p.map, { to: 'ideation', why: 'x', by: 'Ada' }, T0).ok).toBe(false)
    p.apply(planEnd(p.map, { outcome: 'stopped', why: 'No data', by: 'Ada' }, T0))
    const refused = planMove(p.map, { to: 'prototyping', why: 'try again', by: 'Ada' }, T0)
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/ended project/) })
    expect(p.read().moves).toEqual([])
  })
})

describe('ending a project', () => {
  it('keeps the stage it stopped in and why, once', () => {
    const p = project()
    p.apply(planMove(p.map, { to: 'data-collection', why: 'Go', by: 'Ada' }, T0))
    p.apply(
      planEnd(p.map, { outcome: 'stopped', why: 'The data does not exist', by: 'Bo' }, T0 + DAY),
    )
    const t = p.read()
    expect(projectStatus(t)).toBe('stopped')
    expect(t.end).toMatchObject({ outcome: 'stopped', stage: 'data-collection', by: 'Bo' })
    expect(t.dates['data-collection']?.actualEnd).toBe('2026-03-03')
    expect(planEnd(p.map, { outcome: 'succeeded', why: 'x', by: 'Bo' }, T0).ok).toBe(false)
  })
})

describe('gate questions', () => {
  it('shows every question of a stage open until answered yes or no', () => {
    const p = project()
    expect(openGateCount(p.read(), 'ideation')).toBe(4)
    p.apply(
      planGateAnswer(
        p.map,
        { stage: 'ideation', question: 'needs-ml', answer: 'yes', note: 'Rules fail', by: 'Ada' },
        T0,
      ),
    )
    p.apply(
      planGateAnswer(
        p.map,
        { stage: 'ideation', question: 'cost-of-mistake', answer: 'not-yet', note: '', by: 'Ada' },
        T0,
      ),
    )
    const gates = gatesOf(p.read(), 'ideation')
    expect(gates.filter((g) => g.open).map((g) => g.key)).toEqual([
      'problem-concrete',
      'behaviour-change',
      'cost-of-mistake',
    ])
    expect(gates.find((g) => g.key === 'needs-ml')?.record).toMatchObject({
      answer: 'yes',
      note: 'Rules fail',
    })
    expect(openGateCount(p.read(), 'experimentation')).toBe(0)
  })

  it('refuses a question the stage does not ask', () => {
    const p = project()
    const change = {
      stage: 'prototyping',
      question: 'needs-ml',
      answer: 'yes',
      note: '',
      by: 'A',
    } as const
    expect(planGateAnswer(p.map, change, T0)).toEqual({
      ok: false,
      message: 'Prototyping has no gate question "needs-ml"',
    })
  })
})

describe('linking hypotheses', () => {
  it('keeps one link when the same hypothesis is linked twice', () => {
    const p = project()
    const link = { boardId: 'board-1', hypothesisId: 'hyp-000001' }
    p.apply(planLink(p.map, link))
    p.apply(planLink(p.map, { ...link }))
    expect(p.read().links).toEqual([link])
  })
})
