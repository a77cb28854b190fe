/**
 * Node 20 has no global ErrorEvent, and @hono/node-ws constructs one for every socket error
 * (an oversized frame, say); without this the real error is replaced by a ReferenceError.
 */
export function ensureErrorEvent() {
  if ('ErrorEvent' in globalThis) return
  class NodeErrorEvent extends Event {
    readonly error: unknown
    readonly message: string
    constructor(type: string, init: { error?: unknown; message?: string } = {}) {
      super(type)
      this.error = init.error
      this.message = init.message ?? (init.error instanceof Error ? init.error.message : '')
    }
  }
  Object.defineProperty(globalThis, 'ErrorEvent', { value: NodeErrorEvent, configurable: true })
}
