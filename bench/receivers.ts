import type * as Y from 'yjs'
import type { TestClient } from '../test/helpers/clients.js'

/**
 * Called for each record a receiver sees change, with the time it saw it (see `clock`). `value`
 * is undefined for receivers that see ids only.
 */
export type RecordListener = (key: string, value: unknown, receivedAt: number) => void

/** Something on the far side of the server that reports the records reaching it. */
export interface Receiver {
  /** Reports changed records whose id starts with `prefix`; returns the unsubscribe. */
  observe(prefix: string, listener: RecordListener): () => void
}

/**
 * A full y-websocket client: a record counts once it is applied to the client's Y.Doc. Values
 * are not decoded (the listener gets ids only): turning records into shapes is the app's work,
 * not delivery, and with 100 clients in one process it would cost more than the delivery.
 */
export function clientReceiver(client: TestClient, now: () => number): Receiver {
  return {
    observe(prefix, listener) {
      const observer = (event: Y.YMapEvent<unknown>) => {
        const receivedAt = now()
        for (const key of event.keysChanged) {
          if (key.startsWith(prefix)) listener(key, undefined, receivedAt)
        }
      }
      client.records.observe(observer)
      return () => client.records.unobserve(observer)
    },
  }
}
