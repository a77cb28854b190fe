/** A stable hue per board, so cards are easy to tell apart at a glance. */
export function boardTint(boardId: string): string {
  let hash = 0
  for (const char of boardId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return `hsl(${hash % 360} 70% 92%)`
}
