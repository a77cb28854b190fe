import { describe, expect, it } from 'vitest'
import { readStoredWorkshopState, repairVoting } from './storedState.js'
import { VoteLimits } from './voting.js'
import { initialWorkshopState, WorkshopLimits, WorkshopStateSchema } from './workshopState.js'

const id = (i: number) => i.toString(16).padStart(32, '0')
const vote = (extra: Record<string, unknown> = {}) => ({
  id: 'vote000001',
  scope: { kind: 'board' },
  votesPerPerson: 3,
  onePerItem: false,
  status: 'closed',
  startedAt: 1,
  endedAt: 2,
  results: [{ itemId: 'a', label: 'A', votes: 1 }],
  voters: 1,
  ...extra,
})

describe('reading a stored workshop state', () => {
  it('takes a valid state as it is, with nothing to report', () => {
    const state = { ...initialWorkshopState(), facilitatorIds: [id(1)] }
    expect(readStoredWorkshopState(JSON.stringify(state))).toEqual({
      state,
      issues: [],
      pastVotes: [],
    })
  })

  it('keeps the valid entries of a list, without repeats and within its bound', () => {
    const facilitatorIds = [...Array.from({ length: 60 }, (_, i) => id(i)), id(0), 'nope']
    const read = readStoredWorkshopState(
      JSON.stringify({ ...initialWorkshopState(), facilitatorIds }),
    )
    expect(read.state.facilitatorIds).toEqual(
      Array.from({ length: WorkshopLimits.facilitators }, (_, i) => id(i)),
    )
    expect(read.issues.some((i) => i.startsWith('facilitatorIds'))).toBe(true)
    expect(WorkshopStateSchema.safeParse(read.state).success).toBe(true)
  })

  it('resets a part that is missing or of the wrong kind, keeps the others', () => {
    const { timer: _, ...rest } = { ...initialWorkshopState(), locks: [{ kind: 'board' }] }
    const read = readStoredWorkshopState(JSON.stringify({ ...rest, follow: 42 }))
    expect(read.state.locks).toEqual([{ kind: 'board' }])
    expect(read.state.timer).toEqual(initialWorkshopState().timer)
    expect(read.state.follow).toBeNull()
    expect(read.issues.map((i) => i.split(':')[0])).toEqual(['timer', 'follow'])
  })

  it('names at most twenty issues', () => {
    const locks = Array.from({ length: 40 }, () => ({ kind: 'nowhere' }))
    const read = readStoredWorkshopState(JSON.stringify({ ...initialWorkshopState(), locks }))
    expect(read.state.locks).toEqual([])
    expect(read.issues).toHaveLength(21)
    expect(read.issues.at(-1)).toMatch(/and 20 more/)
  })

  it('hands over the ended votes an older version kept inside the state', () => {
    const read = readStoredWorkshopState(
      JSON.stringify({
        ...initialWorkshopState(),
        pastVotes: [vote(), vote({ id: 'vote000002', status: 'open' }), 'junk'],
      }),
    )
    expect(read.pastVotes.map((v) => v.id)).toEqual(['vote000001'])
    expect(read.issues).toEqual([
      'pastVotes.1: not an ended vote',
      'pastVotes.2: not an ended vote',
    ])
    expect(read.state).not.toHaveProperty('pastVotes')
  })
})

describe('a stored vote past today’s bounds', () => {
  it('keeps its most voted lines and shortens long labels', () => {
    const results = Array.from({ length: VoteLimits.results + 10 }, (_, i) => ({
      itemId: `item-${i}`,
      label: i === 5 ? 'x'.repeat(1000) : `Item ${i}`,
      votes: i === 1005 ? 7 : 0,
    }))
    const voting = repairVoting(vote({ results }))!
    expect(voting.results).toHaveLength(VoteLimits.results)
    expect(voting.results![0]).toEqual({ itemId: 'item-1005', label: 'Item 1005', votes: 7 })
    expect(voting.results![6]!.label).toHaveLength(VoteLimits.label)
    expect(repairVoting(vote({ status: 'sideways' }))).toBeNull()
  })
})
