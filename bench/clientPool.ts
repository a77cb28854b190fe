import { connectClient, type TestClient } from '../test/helpers/clients.js'
import { withTimeout } from './wait.js'

/** Standard y-websocket clients on one board, in this process, grown on demand. */
export class ClientPool {
  readonly clients: TestClient[] = []

  constructor(
    private readonly wsUrl: string,
    private readonly boardId: string,
  ) {}

  /** Connects clients until there are `n`, and waits until every one is synced. */
  async growTo(n: number, timeoutMs = 30_000) {
    const added: TestClient[] = []
    while (this.clients.length < n) {
      const client = connectClient(this.wsUrl, this.boardId)
      this.clients.push(client)
      added.push(client)
    }
    await withTimeout(Promise.all(added.map((c) => c.synced)), timeoutMs, `${n} clients syncing`)
  }

  /** Disconnects every client. */
  destroy() {
    for (const client of this.clients.splice(0)) client.destroy()
  }
}
