import type { BoardEvent, RoomBusMessage } from '../../shared/protocol/bus.js'

/**
 * Fan-out between server instances. One instance needs none (`createLocalBus`); several
 * instances behind a load balancer share a Redis bus (redisBus.ts). What an instance publishes
 * reaches every other instance and never comes back to itself.
 */
export interface RoomBus {
  /**
   * Listens to a room's traffic. Resolves once everything published from then on will arrive,
   * so a room subscribes before it reads the store and misses nothing stored meanwhile.
   * Rejects while the bus is unreachable. Resolves to the unsubscribe function.
   */
  subscribe(roomId: string, onMessage: (message: RoomBusMessage) => void): Promise<() => void>
  /** Tells the other instances' rooms of `roomId` (a stored update, relayed presence). */
  publish(roomId: string, message: RoomBusMessage): void
  /** Tells every other instance what happened to a board. */
  publishEvent(event: BoardEvent): void
  /** Receives the events other instances publish (set once, at start). */
  onEvent(handler: (event: BoardEvent) => void): void
  /**
   * Called when the bus is reachable again after it was not: messages published meanwhile may
   * be lost, so rooms read the store again.
   */
  onRecovered(handler: () => void): void
  /** Why the bus cannot carry messages right now, or null while it can. */
  failure(): string | null
  /** A round trip that throws while the bus cannot be reached (readiness). */
  ping(): Promise<void>
  close(): Promise<void>
}

/** The single-instance bus: nothing to tell anyone. */
export function createLocalBus(): RoomBus {
  return {
    subscribe: () => Promise.resolve(() => {}),
    publish() {},
    publishEvent() {},
    onEvent() {},
    onRecovered() {},
    failure: () => null,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
}
