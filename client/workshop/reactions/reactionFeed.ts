import { AwarenessStateSchema, type AwarenessState } from '../../../shared/protocol/awareness'

export type Reaction = NonNullable<AwarenessState['reaction']>

/** A reaction to show: whose it is and where. */
export interface ShownReaction extends Reaction {
  key: string
  clientId: number
}

/**
 * The reactions that are new since `seen` (client id → the `at` of the last reaction shown),
 * which it updates. A screen that has just opened passes `show: false` to learn what is already
 * there without replaying it.
 */
export function takeNewReactions(
  seen: Map<number, number>,
  states: ReadonlyMap<number, unknown>,
  show = true,
): ShownReaction[] {
  const fresh: ShownReaction[] = []
  for (const [clientId, state] of states) {
    const reaction = AwarenessStateSchema.safeParse(state).data?.reaction
    if (!reaction || seen.get(clientId) === reaction.at) continue
    seen.set(clientId, reaction.at)
    if (show) fresh.push({ ...reaction, clientId, key: `${clientId}:${reaction.at}` })
  }
  return fresh
}

/** A chat message to show at someone's cursor. */
export interface ShownChat {
  clientId: number
  text: string
  name: string
  color: string
}

/** Everyone else's current chat messages. */
export function readChats(states: ReadonlyMap<number, unknown>, myClientId: number): ShownChat[] {
  const chats: ShownChat[] = []
  for (const [clientId, state] of states) {
    if (clientId === myClientId) continue
    const parsed = AwarenessStateSchema.safeParse(state).data
    const text = parsed?.chat?.text.trim()
    if (!parsed || !text) continue
    chats.push({
      clientId,
      text,
      name: parsed.user?.name ?? 'Someone',
      color: parsed.user?.color ?? '#4f46e5',
    })
  }
  return chats
}
