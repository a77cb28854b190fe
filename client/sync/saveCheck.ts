import * as Y from 'yjs'

/**
 * How a client finds out that the server has stored all of its edits, with the sync protocol
 * alone: it sends a state vector one item short of its own for every client, and the server
 * answers with what it holds beyond that. The answer reaches the client's own state exactly
 * when the server holds (has stored) every item the client has; it stays small, as it holds
 * one item per client plus the delete set.
 */
export function saveCheckFor(doc: Y.Doc): {
  /** The state vector to send. */
  asked: Uint8Array
  /** The state the answer must reach. */
  expected: Map<number, number>
} {
  const expected = Y.decodeStateVector(Y.encodeStateVector(doc))
  const asked = new Map([...expected].map(([client, clock]) => [client, clock - 1]))
  return { asked: Y.encodeStateVector(asked), expected }
}

/** Whether an update reaches, for every client, the clock `expected` names. */
export function holdsAll(update: Uint8Array, expected: ReadonlyMap<number, number>): boolean {
  const reached = new Map<number, number>()
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Skip) continue
    const end = struct.id.clock + struct.length
    reached.set(struct.id.client, Math.max(reached.get(struct.id.client) ?? 0, end))
  }
  return [...expected].every(([client, clock]) => (reached.get(client) ?? 0) >= clock)
}
