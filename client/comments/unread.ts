import type { Thread } from '../../shared/comments/comments'

/**
 * When someone other than `me` last did something in a thread: started it, wrote, edited or
 * deleted a comment, or resolved it. 0 when only `me` did anything.
 */
export function lastActivityByOthers(thread: Thread, me: string): number {
  let last = thread.by.id === me ? 0 : thread.createdAt
  for (const c of thread.comments) {
    if (c.by.id === me) continue
    last = Math.max(last, c.at, c.editedAt ?? 0, c.deletedAt ?? 0)
  }
  if (thread.resolvedAt !== null && thread.resolvedBy?.id !== me) {
    last = Math.max(last, thread.resolvedAt)
  }
  return last
}

/** Whether a thread has something from someone else that `me` has not read yet. */
export function isUnread(thread: Thread, me: string, lastReadAt: number | undefined): boolean {
  return lastActivityByOthers(thread, me) > (lastReadAt ?? 0)
}
