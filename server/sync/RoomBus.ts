/**
 * Fan-out between server instances. One instance needs none (`createLocalBus`); several
 * instances behind a load balancer publish every accepted update so that rooms for the same
 * board on other instances apply and broadcast it (a Redis pub/sub bus implements the same).
 */
export interface RoomBus {
  publish(boardId: string, update: Uint8Array): void
  subscribe(boardId: string, onUpdate: (update: Uint8Array) => void): () => void
  close(): void
}

/** The single-instance bus: nothing to tell anyone. */
export function createLocalBus(): RoomBus {
  return {
    publish() {},
    subscribe: () => () => {},
    close() {},
  }
}
