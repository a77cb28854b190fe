import {
  createPresenceStateDerivation,
  createUserId,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import {
  AwarenessStateSchema,
  type AwarenessState,
  type AwarenessUser,
} from '../../shared/protocol/awareness'
import { DefaultLimits } from '../../shared/protocol/limits'
import { throttle } from './throttle'

/** At most 20 presence updates a second: smooth cursors without flooding the room. */
export const PresenceIntervalMs = 50

/**
 * Publishes the local user's presence (cursor, selection, camera…) into awareness, derived
 * from the store with tldraw's createPresenceStateDerivation and throttled. Returns a stop
 * function that also clears the local state, so others see this client leave at once.
 */
export function publishPresence(
  store: TLStore,
  awareness: Awareness,
  $identity: Signal<AwarenessUser>,
  $user: Signal<TLUser>,
): () => void {
  const $presence = createPresenceStateDerivation($user)(store)
  const publish = throttle(() => {
    const state: AwarenessState = {
      // Other fields (which canvas item this person is typing in) are published on their own.
      ...awareness.getLocalState(),
      user: $identity.get(),
      presence: fitPresence($presence.get()),
    }
    awareness.setLocalState(state)
  }, PresenceIntervalMs)

  const stop = react('publish presence', () => {
    $identity.get()
    $presence.get()
    publish()
  })

  return () => {
    stop()
    publish.cancel()
    awareness.setLocalState(null)
  }
}

/** Leaves room for the user field so the whole state stays under the server's limit. */
const MaxPresenceBytes = DefaultLimits.maxAwarenessStateBytes - 1024

/**
 * The presence as plain JSON, trimmed if needed: a big selection or a long scribble could
 * push the state over the server's limit, and the server drops clients that exceed it.
 */
function fitPresence(presence: TLInstancePresence | null): Record<string, unknown> | null {
  if (!presence) return null
  if (byteLength(presence) <= MaxPresenceBytes) return { ...presence }
  const trimmed = {
    ...presence,
    scribbles: [],
    selectedShapeIds: presence.selectedShapeIds.slice(0, 50),
  }
  return byteLength(trimmed) <= MaxPresenceBytes ? trimmed : null
}

function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength
}

/** The store id of the presence record that mirrors one awareness client. */
export function presenceRecordId(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(`client-${clientId}`)
}

/**
 * Mirrors other clients' awareness states into instance_presence records, which tldraw draws
 * as cursors, selections and follow targets; records are removed when a client leaves.
 * Returns a stop function that removes every mirrored record.
 */
export function mirrorRemotePresence(store: TLStore, awareness: Awareness): () => void {
  const mirrored = new Set<number>()

  const apply = (clientIds: number[]) => {
    const puts: TLInstancePresence[] = []
    const removals: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const record = readPresence(clientId, awareness.getStates().get(clientId))
      if (record) {
        puts.push(record)
        mirrored.add(clientId)
      } else if (mirrored.delete(clientId)) {
        removals.push(presenceRecordId(clientId))
      }
    }
    if (puts.length === 0 && removals.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removals.length > 0) store.remove(removals)
      if (puts.length > 0) store.put(puts)
    })
  }

  const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
    apply([...changes.added, ...changes.updated, ...changes.removed])
  }
  awareness.on('change', onChange)
  apply([...awareness.getStates().keys()])

  return () => {
    awareness.off('change', onChange)
    const ids = [...mirrored].map(presenceRecordId).filter((id) => store.has(id))
    mirrored.clear()
    if (ids.length > 0) store.mergeRemoteChanges(() => store.remove(ids))
  }
}

/**
 * Turns one client's awareness state into a presence record, or null if it has none, names
 * nobody or does not validate. Who it is comes from the user field, whose id the server
 * vouches for and which the participants list shows too, never from the presence record's own
 * `userId` and name: following and going to someone find them by that id.
 */
function readPresence(clientId: number, state: unknown): TLInstancePresence | null {
  const parsed = AwarenessStateSchema.safeParse(state)
  if (!parsed.success || !parsed.data.presence || !parsed.data.user) return null
  const { user, presence } = parsed.data
  try {
    return InstancePresenceRecordType.validate({
      ...presence,
      typeName: 'instance_presence',
      id: presenceRecordId(clientId),
      userId: createUserId(user.id),
      userName: user.name,
      color: user.color,
    })
  } catch {
    return null
  }
}
