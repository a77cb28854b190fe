import type { VoteResult } from '../../../shared/workshop/voting'

/** A result line as the results panel shows it. */
export interface RankedLine extends VoteResult {
  /** 1 for the most votes; items with as many votes share a rank (1, 2, 2, 4). */
  rank: number
}

/** Ranks a vote's results (already sorted, most votes first) for display. */
export function rankLines(results: readonly VoteResult[]): RankedLine[] {
  let rank = 0
  return results.map((result, index) => {
    if (index === 0 || results[index - 1]!.votes !== result.votes) rank = index + 1
    return { ...result, rank }
  })
}

/** The number of votes per item id, for the counts shown on the items. */
export function countsByItem(results: readonly VoteResult[] | null): Map<string, number> {
  return new Map((results ?? []).map((r) => [r.itemId, r.votes]))
}

/** A label for a result line: an empty item still needs something to click on. */
export const resultLabel = (label: string) => label.trim() || '(empty)'
