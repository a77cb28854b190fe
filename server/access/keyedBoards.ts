import type { ServerContext } from '../context.js'

/** At most this many keys of one request are looked up. */
const MaxKeys = 1000

/**
 * The boards a person may read across boards (the tracker, the portfolio): those whose keys
 * they send, space- or comma-separated; undefined on an open instance, where every board is.
 */
export async function keyedBoards(
  ctx: ServerContext,
  header: string | undefined,
): Promise<Set<string> | undefined> {
  if (ctx.access.openInstance) return undefined
  const readable = new Set<string>()
  for (const key of (header ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, MaxKeys)) {
    const access = await ctx.access.boardForKey(key)
    if (access) readable.add(access.boardId)
  }
  return readable
}
