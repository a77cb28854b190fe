import type { RoomHooks } from './Room.js'

/** One set of room hooks that calls each of `all` in turn. */
export function combineHooks(...all: RoomHooks[]): RoomHooks {
  return {
    onLoad: async (boardId, doc, room) => {
      await Promise.all(all.map((h) => h.onLoad?.(boardId, doc, room)))
    },
    onPresence: (boardId, people) => all.forEach((h) => h.onPresence?.(boardId, people)),
    onChange: (boardId, doc, room) => all.forEach((h) => h.onChange?.(boardId, doc, room)),
    onUnload: (boardId, doc, room) => all.forEach((h) => h.onUnload?.(boardId, doc, room)),
  }
}
