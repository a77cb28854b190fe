import type { BoardDiff } from '../../../shared/history/boardDiff'

/** How many things a diff added, removed, changed and moved. */
export function diffCounts(diff: BoardDiff) {
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 }
  for (const canvas of diff.canvases) {
    if (canvas.change !== 'changed') counts[canvas.change] += 1
    for (const entry of canvas.entries) counts[entry.change] += 1
  }
  for (const shape of diff.shapes) {
    counts[shape.change === 'edited' ? 'changed' : shape.change] += 1
  }
  return counts
}

/** "3 added · 1 removed · 2 changed", leaving out what did not happen. */
export function summaryText(diff: BoardDiff): string {
  const counts = diffCounts(diff)
  const parts = (['added', 'removed', 'changed', 'moved'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
  return parts.join(' · ')
}

/** "Jan 3, 14:05" or the version's name, for the chooser. */
export function versionLabel(version: { name: string | null; createdAt: string }): string {
  const when = new Date(version.createdAt).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
  return version.name ? `${version.name} · ${when}` : `Automatic · ${when}`
}

/** The comparison named in a board's address: `?compare=<from>..<to|now>`. */
export function parseCompareParam(value: string | null): { from: string; to: string } | null {
  const match = value?.match(/^([A-Za-z0-9_-]{6,32})\.\.([A-Za-z0-9_-]{6,32}|now)$/)
  return match ? { from: match[1]!, to: match[2]! } : null
}

export const CompareParam = 'compare'
