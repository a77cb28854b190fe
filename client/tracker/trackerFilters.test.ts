import { describe, expect, it } from 'vitest'
import { TrackerQuerySchema, trackerSearch as apiSearch } from '../../shared/api/hypotheses'
import {
  hasFilters,
  noFilters,
  parseTrackerFilters,
  trackerQuery,
  trackerSearch,
  type TrackerFilters,
} from './trackerFilters'

const boardA = 'A'.repeat(22)
const boardB = 'b'.repeat(21) + '_'

const everything: TrackerFilters = {
  status: ['ready', 'running'],
  verdict: ['refuted'],
  board: [boardA, boardB],
  overdue: true,
  sort: 'due',
}

describe('tracker filters in the page URL', () => {
  it('reads back every filter it wrote', () => {
    const search = trackerSearch(everything)
    expect(search).toBe(
      `?status=ready,running&verdict=refuted&board=${boardA},${boardB}&overdue=true&sort=due`,
    )
    expect(parseTrackerFilters(search)).toEqual(everything)
  })

  it('gives the plain page a plain URL', () => {
    expect(trackerSearch(noFilters)).toBe('')
    expect(parseTrackerFilters('')).toEqual(noFilters)
    expect(trackerSearch({ ...noFilters, sort: 'updated' })).toBe('')
  })

  it('drops unknown values from a shared or hand-edited link instead of failing', () => {
    expect(
      parseTrackerFilters(
        '?status=running,sleeping&verdict=maybe&board=nope&overdue=yes&sort=title',
      ),
    ).toEqual({ ...noFilters, status: ['running'] })
  })

  it('keeps one order whatever order the values were given in, and each value once', () => {
    const filters = parseTrackerFilters(`?status=decided,draft,decided&board=${boardB},${boardB}`)
    expect(filters.status).toEqual(['draft', 'decided'])
    expect(filters.board).toEqual([boardB])
  })

  it('reads percent-encoded commas as the server would', () => {
    expect(parseTrackerFilters('?status=draft%2Crunning').status).toEqual(['draft', 'running'])
  })

  it('counts only narrowing choices as filters, not the order', () => {
    expect(hasFilters(noFilters)).toBe(false)
    expect(hasFilters({ ...noFilters, sort: 'due' })).toBe(false)
    expect(hasFilters({ ...noFilters, overdue: true })).toBe(true)
    expect(hasFilters({ ...noFilters, board: [boardA] })).toBe(true)
  })
})

describe('the API query for the filters', () => {
  it('is accepted by the server schema and means the same filters', () => {
    const query = apiSearch(trackerQuery(everything, 500))
    const parsed = TrackerQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)))
    expect(parsed).toEqual({
      status: ['ready', 'running'],
      verdict: ['refuted'],
      board: [boardA, boardB],
      overdue: 'true',
      sort: 'due',
      limit: 500,
    })
  })

  it('asks for every hypothesis, overdue or not, while the overdue toggle is off', () => {
    const query = apiSearch(trackerQuery(noFilters))
    expect(query).toBe('?sort=updated')
    expect(
      TrackerQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query))).success,
    ).toBe(true)
  })
})
