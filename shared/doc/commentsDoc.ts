import * as Y from 'yjs'
import {
  CommentSchema,
  CommentTargetSchema,
  CommentAuthorSchema,
  type Comment,
  type CommentAuthor,
  type CommentTarget,
  type Thread,
} from '../comments/comments.js'

/**
 * A board's comments: a Y.Doc of its own that only the server writes (through the REST API)
 * and every screen of the board syncs read-only, so new comments appear live everywhere and
 * reach every instance like any stored update.
 *
 *   threads:  Y.Map<threadId, Y.Map{
 *               target:     JSON text of a CommentTarget
 *               createdAt:  number
 *               by:         JSON text of a CommentAuthor
 *               resolution: JSON text of { at, by } | null
 *               comments:   Y.Map<commentId, JSON text of a Comment>
 *             }>
 *
 * Comments are a map, not a list, so replies two instances store at once both survive; each
 * comment is one value its author replaces when editing.
 */
export const getThreadsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('threads')

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** One thread as stored, or undefined when it is not one. */
export function readThread(id: string, map: Y.Map<unknown>): Thread | undefined {
  const target = CommentTargetSchema.safeParse(parseJson(map.get('target')))
  const by = CommentAuthorSchema.safeParse(parseJson(map.get('by')))
  const createdAt = map.get('createdAt')
  if (!target.success || !by.success || typeof createdAt !== 'number') return undefined
  const resolution = parseJson(map.get('resolution')) as { at?: unknown; by?: unknown } | null
  const resolvedBy = CommentAuthorSchema.safeParse(resolution?.by)
  const resolved = typeof resolution?.at === 'number' && resolvedBy.success
  const comments: Comment[] = []
  const stored = map.get('comments')
  if (stored instanceof Y.Map) {
    for (const value of stored.values()) {
      const comment = CommentSchema.safeParse(parseJson(value))
      if (comment.success) comments.push(comment.data)
    }
  }
  comments.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
  return {
    id,
    target: target.data,
    createdAt,
    by: by.data,
    resolvedAt: resolved ? (resolution!.at as number) : null,
    resolvedBy: resolved ? resolvedBy.data : null,
    comments,
  }
}

/** Every readable thread of a board. */
export function readThreads(doc: Y.Doc): Thread[] {
  const threads: Thread[] = []
  getThreadsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const thread = readThread(id, map)
    if (thread) threads.push(thread)
  })
  return threads
}

/** Adds a thread with its first comment; call inside one transaction. */
export function addThread(
  doc: Y.Doc,
  thread: { id: string; target: CommentTarget; createdAt: number; by: CommentAuthor },
  first: Comment,
) {
  const map = new Y.Map<unknown>()
  const comments = new Y.Map<string>()
  map.set('target', JSON.stringify(thread.target))
  map.set('createdAt', thread.createdAt)
  map.set('by', JSON.stringify(thread.by))
  map.set('resolution', null)
  map.set('comments', comments)
  comments.set(first.id, JSON.stringify(first))
  getThreadsMap(doc).set(thread.id, map)
}

/** Stores a comment of a thread (a new one, or a new version of one). */
export function putComment(doc: Y.Doc, threadId: string, comment: Comment) {
  const comments = getThreadsMap(doc).get(threadId)?.get('comments')
  if (!(comments instanceof Y.Map)) throw new Error(`No thread ${threadId}`)
  comments.set(comment.id, JSON.stringify(comment))
}

/** Resolves a thread (with who and when), or reopens it with null. */
export function setResolution(
  doc: Y.Doc,
  threadId: string,
  resolution: { at: number; by: CommentAuthor } | null,
) {
  const map = getThreadsMap(doc).get(threadId)
  if (!map) throw new Error(`No thread ${threadId}`)
  map.set('resolution', resolution === null ? null : JSON.stringify(resolution))
}
