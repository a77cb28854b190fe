import { describe, expect, it } from 'vitest'
import { timeboxEndLine, timeboxLabel } from './timeboxLabel'

const end = '2026-11-09T09:00:00.000Z'
const running = { status: 'running', timeboxEnd: end, overdue: false } as const

describe('the time box of a hypothesis in words', () => {
  it('says "Not started" before the hypothesis runs', () => {
    expect(
      timeboxLabel({ status: 'draft', timeboxEnd: null, daysLeft: null, overdue: false }),
    ).toEqual({
      text: 'Not started',
      tone: 'none',
    })
  })

  it('counts the days left, and warns in the last two', () => {
    expect(timeboxLabel({ ...running, daysLeft: 7 })).toEqual({
      text: '7 days left',
      tone: 'normal',
    })
    expect(timeboxLabel({ ...running, daysLeft: 2 })).toEqual({ text: '2 days left', tone: 'soon' })
    expect(timeboxLabel({ ...running, daysLeft: 1 })).toEqual({ text: '1 day left', tone: 'soon' })
  })

  it('says by how many days it is overdue once the box has ended undecided', () => {
    expect(timeboxLabel({ ...running, daysLeft: -3, overdue: true })).toEqual({
      text: 'Overdue by 3 days',
      tone: 'overdue',
    })
    expect(timeboxLabel({ ...running, daysLeft: -1, overdue: true }).text).toBe('Overdue by 1 day')
    // Less than a day past the end: the server rounds the days left up to zero.
    expect(timeboxLabel({ ...running, daysLeft: 0, overdue: true })).toEqual({
      text: 'Overdue today',
      tone: 'overdue',
    })
  })

  it('is calm about a decided hypothesis, whether decided early or after the end', () => {
    const decided = { status: 'decided', timeboxEnd: end, overdue: false } as const
    expect(timeboxLabel({ ...decided, daysLeft: 4 })).toEqual({
      text: 'Decided early',
      tone: 'ended',
    })
    expect(timeboxLabel({ ...decided, daysLeft: -5 })).toEqual({
      text: 'Ended 5 days ago',
      tone: 'ended',
    })
    expect(timeboxLabel({ ...decided, daysLeft: 0 }).text).toBe('Ended today')
  })

  it('says when a hypothesis was decided, and that its time box was still running then', () => {
    const day = (iso: string) =>
      new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
    const decidedAt = '2026-11-30T10:00:00.000Z'
    const boxEnd = '2026-12-14T10:00:00.000Z'
    const now = Date.parse('2026-12-02T10:00:00.000Z')
    const line = timeboxEndLine({ status: 'decided', timeboxEnd: boxEnd, decidedAt }, now)
    expect(line).toBe(`Decided ${day(decidedAt)} (time box to ${day(boxEnd)})`)
    expect(line).not.toMatch(/Ended/)
    // Decided after the box ended: the end is history, the decision is what counts.
    const late = timeboxEndLine(
      { status: 'decided', timeboxEnd: '2026-11-20T10:00:00.000Z', decidedAt },
      now,
    )
    expect(late).toBe(`Decided ${day(decidedAt)}`)
  })

  it('says when a running time box ends, and when an undecided one ended', () => {
    const now = Date.parse('2026-11-05T00:00:00.000Z')
    expect(timeboxEndLine({ status: 'running', timeboxEnd: end, decidedAt: null }, now)).toMatch(
      /^Ends /,
    )
    expect(
      timeboxEndLine({ status: 'running', timeboxEnd: end, decidedAt: null }, Date.parse(end)),
    ).toMatch(/^Ended /)
    expect(timeboxEndLine({ status: 'draft', timeboxEnd: null, decidedAt: null }, now)).toBeNull()
  })
})
