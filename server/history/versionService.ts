import * as Y from 'yjs'
import { newId } from '../../shared/canvases/baseContent.js'
import {
  getBoardCanvases,
  readAllCanvases,
  readCanvas,
  writeCanvas,
} from '../../shared/doc/canvasDoc.js'
import { canvasRecordId, getTldrawRecords } from '../../shared/doc/layout.js'
import type { Logger } from '../logger.js'
import type { StoredVersion, VersionStore } from '../persistence/types.js'
import type { Room, RoomHooks } from '../sync/Room.js'
import { versionsToDrop } from './retention.js'
import { createSnapshotPacker, unpackSnapshot } from './versionSnapshots.js'

/** An automatic version is taken at most this often while people edit a board. */
export const AutoVersionEveryMs = 10 * 60 * 1000

export interface VersionServiceDeps {
  store: VersionStore
  /** The loaded room of a board (versions are taken of what the room holds, once stored). */
  room: (boardId: string) => Promise<Room>
  now: () => number
  log: Logger
}

/** What a restore changed. */
export interface Restored {
  canvases: number
  records: number
  /** The version taken just before, so the restore can be undone from history. */
  before: StoredVersion
}

/**
 * The history of each board: automatic versions while people edit (at most one per
 * `AutoVersionEveryMs` of activity, and one when the board's room unloads after the last person
 * left), named versions on request, retention that thins automatic ones, and restores of a
 * whole board or one canvas as a new change everyone sees.
 */
export function createVersionService(deps: VersionServiceDeps) {
  const { store, now, log } = deps
  /** Boards changed since their last version. */
  const activity = new Set<string>()
  /** Who was on each board since its last version. */
  const people = new Map<string, Set<string>>()
  /** When this instance last took an automatic version of a board. */
  const lastAuto = new Map<string, number>()
  const taking = new Set<string>()
  const packSnapshot = createSnapshotPacker()

  async function save(
    boardId: string,
    parts: Uint8Array[],
    options: { name: string | null; createdBy: string | null },
  ): Promise<StoredVersion> {
    const present = people.get(boardId) ?? new Set<string>()
    const version: StoredVersion = {
      boardId,
      id: newId(),
      name: options.name,
      createdAt: now(),
      createdBy: options.createdBy,
      participants: [...present].sort(),
      bytes: parts.reduce((sum, part) => sum + part.byteLength, 0),
    }
    await store.putVersion(version, await packSnapshot(parts))
    activity.delete(boardId)
    people.delete(boardId)
    return version
  }

  /** Drops automatic versions retention no longer keeps. */
  async function thin(boardId: string) {
    const drop = versionsToDrop(await store.listVersions(boardId), now())
    if (drop.length > 0) await store.deleteVersions(boardId, drop)
  }

  /** An automatic version if the board changed since the last and none is recent. */
  function autoVersion(boardId: string, room: Room, force: boolean) {
    if (!activity.has(boardId) || taking.has(boardId) || room.doc.isDestroyed) return
    const at = now()
    if (!force && at - (lastAuto.get(boardId) ?? 0) < AutoVersionEveryMs) return
    taking.add(boardId)
    lastAuto.set(boardId, at)
    // Now: the document is freed right after a room unloads.
    const parts = room.stateParts()
    void (async () => {
      // Another instance of the same board may have taken one a moment ago.
      const newest = (await store.listVersions(boardId)).find((v) => v.name === null)
      if (!force && newest && at - newest.createdAt < AutoVersionEveryMs) return
      await save(boardId, parts, { name: null, createdBy: null })
      await thin(boardId)
    })()
      .catch((error: unknown) =>
        log.error('history.version_failed', { boardId, error: String(error) }),
      )
      .finally(() => taking.delete(boardId))
  }

  const hooks: RoomHooks = {
    onChange(boardId, _doc, room) {
      activity.add(boardId)
      if (!lastAuto.has(boardId)) lastAuto.set(boardId, now())
      autoVersion(boardId, room, false)
    },
    onPresence(boardId, present) {
      let seen = people.get(boardId)
      if (!seen) people.set(boardId, (seen = new Set()))
      for (const p of present) if (p.name) seen.add(p.name)
    },
    onUnload(boardId, _doc, room) {
      // The last person left: what they did is kept as a version.
      autoVersion(boardId, room, true)
      lastAuto.delete(boardId)
      if (!activity.has(boardId)) people.delete(boardId)
    },
  }

  return {
    hooks,

    list: (boardId: string) => store.listVersions(boardId),

    /** A named version of the board as it is now. */
    async name(boardId: string, name: string, createdBy: string | null) {
      const room = await deps.room(boardId)
      return save(boardId, room.stateParts(), { name, createdBy })
    },

    /** A version's whole document (a Yjs update), or undefined when the board has no such one. */
    async snapshot(boardId: string, versionId: string): Promise<Uint8Array | undefined> {
      const stored = await store.getVersionSnapshot(boardId, versionId)
      return stored && unpackSnapshot(stored)
    },

    /**
     * Restores the whole board, or one canvas, to a version: a new change, stored and shown to
     * everyone at once. A version of the board as it was is taken first. Restoring one canvas
     * leaves every other part of the board as it is now. Undefined when the board has no such
     * version; `'no canvas'` when the version has no canvas `canvasId` (nothing is changed).
     */
    async restore(
      boardId: string,
      versionId: string,
      options: { canvasId?: string; by: string | null; label: string },
    ): Promise<Restored | 'no canvas' | undefined> {
      const stored = await store.getVersionSnapshot(boardId, versionId)
      if (!stored) return undefined
      const snapshot = await unpackSnapshot(stored)
      const old = new Y.Doc()
      try {
        Y.applyUpdate(old, snapshot)
        if (options.canvasId !== undefined && !getBoardCanvases(old).has(options.canvasId)) {
          return 'no canvas'
        }
        const room = await deps.room(boardId)
        const before = await save(boardId, room.stateParts(), {
          name: `Before restoring ${options.label}`,
          createdBy: options.by,
        })
        let canvases = 0
        let records = 0
        await room.transact((doc) => {
          const changed = restoreInto(doc, old, options.canvasId)
          canvases = changed.canvases
          records = changed.records
        })
        return { canvases, records, before }
      } finally {
        old.destroy()
      }
    },
  }
}

export type VersionService = ReturnType<typeof createVersionService>

/**
 * Makes `doc` hold what `old` held: every canvas and tldraw record, or with `canvasId` that
 * canvas and its shape only. Only what differs is written, so a restore is as small a change
 * as it can be. Call inside one transaction.
 */
function restoreInto(doc: Y.Doc, old: Y.Doc, canvasId: string | undefined) {
  let canvases = 0
  let records = 0
  const oldRecords = getTldrawRecords(old)
  const records_ = getTldrawRecords(doc)
  const oldCanvases = new Map(readAllCanvases(old).map((c) => [c.id, c]))
  // A canvas made through the API gets its shape once a screen opens the board: a version taken
  // before that has the canvas without its shape, and the shape drawn since stays.
  const keep = new Set(
    [...oldCanvases.keys()].map(canvasRecordId).filter((id) => !oldRecords.has(id)),
  )
  const restoreRecord = (id: string) => {
    if (keep.has(id)) return
    const value = oldRecords.get(id)
    if (value === undefined) {
      if (records_.has(id)) {
        records_.delete(id)
        records++
      }
    } else if (records_.get(id) !== value) {
      records_.set(id, value)
      records++
    }
  }
  const current = getBoardCanvases(doc)
  const restoreCanvas = (id: string) => {
    const wanted = oldCanvases.get(id)
    const map = current.get(id)
    const now = map instanceof Y.Map ? readCanvas(id, map) : undefined
    if (!wanted) {
      if (current.has(id)) {
        current.delete(id)
        canvases++
      }
    } else if (JSON.stringify(now) !== JSON.stringify(wanted)) {
      writeCanvas(doc, wanted)
      canvases++
    }
    restoreRecord(canvasRecordId(id))
  }
  if (canvasId !== undefined) {
    restoreCanvas(canvasId)
    return { canvases, records }
  }
  for (const id of new Set([...current.keys(), ...oldCanvases.keys()])) restoreCanvas(id)
  for (const id of new Set([...records_.keys(), ...oldRecords.keys()])) restoreRecord(id)
  return { canvases, records }
}
