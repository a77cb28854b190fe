import type { Awareness } from 'y-protocols/awareness'
import { z } from 'zod'
import { AwarenessUserSchema, type AwarenessUser } from '../../../shared/protocol/awareness'

/** The awareness field naming the canvas field (item, slot, step) a person is typing in. */
export const EditingField = 'editing'

const EditingStateSchema = z.looseObject({
  user: AwarenessUserSchema,
  [EditingField]: z.string().max(100),
})

const NoOne: readonly AwarenessUser[] = Object.freeze([])

/**
 * Who else is typing in which field, from awareness, without React. Awareness changes with
 * every cursor move; listeners of a field hear only when the people typing in it change.
 */
export class EditingIndex {
  private byField = new Map<string, readonly AwarenessUser[]>()
  private readonly listeners = new Map<string, Set<() => void>>()

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.update)
    this.update()
  }

  dispose(): void {
    this.awareness.off('change', this.update)
    this.listeners.clear()
  }

  /** Says that this person is typing in a field (or in none). */
  setEditing(fieldId: string | null): void {
    this.awareness.setLocalStateField(EditingField, fieldId)
  }

  /** The others typing in a field (the same array until that changes). */
  readonly editorsOf = (fieldId: string): readonly AwarenessUser[] =>
    this.byField.get(fieldId) ?? NoOne

  /** Subscribes to changes of who types in one field. */
  subscribe(fieldId: string, listener: () => void): () => void {
    const set = this.listeners.get(fieldId) ?? new Set()
    set.add(listener)
    this.listeners.set(fieldId, set)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(fieldId)
    }
  }

  private readonly update = () => {
    const next = new Map<string, AwarenessUser[]>()
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue
      const parsed = EditingStateSchema.safeParse(state)
      if (!parsed.success) continue
      const field = parsed.data[EditingField]
      next.set(field, [...(next.get(field) ?? []), parsed.data.user])
    }
    const changed = new Set<string>()
    for (const key of new Set([...next.keys(), ...this.byField.keys()])) {
      const before = this.byField.get(key) ?? NoOne
      const after = next.get(key) ?? NoOne
      const same =
        before.length === after.length &&
        before.every(
          (u, i) =>
            u.id === after[i]?.id && u.name === after[i]?.name && u.color === after[i]?.color,
        )
      if (same) next.set(key, before as AwarenessUser[])
      else changed.add(key)
    }
    this.byField = next
    for (const key of changed) for (const listener of this.listeners.get(key) ?? []) listener()
  }
}
