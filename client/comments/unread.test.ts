import { describe, expect, it } from 'vitest'
import type { Comment, Thread } from '../../shared/comments/comments'
import { isUnread, lastActivityByOthers } from './unread'
import { LastRead } from './lastRead'

const ann = { id: 'ann'.padEnd(22, 'a'), name: 'Ann' }
const bo = { id: 'bo'.padEnd(22, 'b'), name: 'Bo' }

const comment = (by: typeof ann, at: number, extra: Partial<Comment> = {}): Comment => ({
  id: `c${at}`.padEnd(8, '0'),
  text: 'Hi',
  by,
  at,
  editedAt: null,
  deletedAt: null,
  mentions: [],
  ...extra,
})

const thread = (comments: Comment[], extra: Partial<Thread> = {}): Thread => ({
  id: 'thread-1',
  target: { kind: 'point', x: 0, y: 0 },
  createdAt: comments[0]?.at ?? 0,
  by: comments[0]?.by ?? ann,
  resolvedAt: null,
  resolvedBy: null,
  comments,
  ...extra,
})

describe('whether a thread is unread', () => {
  it('is unread for others until they read it, never for its only writer', () => {
    const started = thread([comment(ann, 100)])
    expect(isUnread(started, ann.id, undefined)).toBe(false)
    expect(isUnread(started, bo.id, undefined)).toBe(true)
    expect(isUnread(started, bo.id, 100)).toBe(false)
  })

  it('becomes unread again when someone else replies, edits, deletes or resolves', () => {
    const read = 100
    expect(isUnread(thread([comment(ann, 100), comment(bo, 200)]), ann.id, read)).toBe(true)
    expect(isUnread(thread([comment(bo, 50, { editedAt: 150 })]), ann.id, read)).toBe(true)
    expect(isUnread(thread([comment(bo, 50, { deletedAt: 150 })]), ann.id, read)).toBe(true)
    const resolved = thread([comment(ann, 50)], { resolvedAt: 300, resolvedBy: bo })
    expect(isUnread(resolved, ann.id, read)).toBe(true)
  })

  it('ignores what the person did themselves after their last read', () => {
    const mine = thread([comment(bo, 50), comment(ann, 300, { editedAt: 400 })], {
      resolvedAt: 500,
      resolvedBy: ann,
    })
    expect(lastActivityByOthers(mine, ann.id)).toBe(50)
    expect(isUnread(mine, ann.id, 60)).toBe(false)
  })
})

describe('the last-read times of a board', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>()
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    }
  }

  it('keeps the latest activity of a thread read, per board, across page loads', () => {
    const storage = memoryStorage()
    const seen = thread([comment(ann, 100), comment(bo, 250)])
    const first = new LastRead('board-a', storage)
    let changes = 0
    first.subscribe(() => changes++)
    first.markRead(seen)
    first.markRead(seen)
    expect(changes).toBe(1)
    expect(new LastRead('board-a', storage).getTimes()).toEqual({ 'thread-1': 250 })
    expect(new LastRead('board-b', storage).getTimes()).toEqual({})
  })

  it('starts empty from stored text that is not a map of times', () => {
    const storage = memoryStorage()
    storage.setItem('discovery-board:comments-read:board-a', '{"thread-1":"soon","t2":5}')
    expect(new LastRead('board-a', storage).getTimes()).toEqual({ t2: 5 })
    storage.setItem('discovery-board:comments-read:board-a', 'not json')
    expect(new LastRead('board-a', storage).getTimes()).toEqual({})
  })
})
