import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { terminalCloseCodes, tooLargeCloseCodes } from '../../shared/protocol/closeCodes'
import { DraftsQueryParam } from '../../shared/protocol/syncParams'
import { ParticipantParam } from '../../shared/workshop/participant'

export interface DraftSyncOptions {
  boardId: string
  /** The participant id of this person, naming the local copy. */
  participantId: string
  /** The secret the server derives this person's drafts from; never shown to anyone. */
  participantSecret: string
  serverUrl: string
  boardKey?: string
}

/**
 * This person's private drafts on a board (shared/doc/draftDoc.ts), without React: a Y.Doc kept
 * in IndexedDB and synced with the server's room for them, which only this person's secret
 * opens. A viewer or commenter is refused (they add nothing), and the provider stops there.
 */
export class DraftSync {
  readonly doc = new Y.Doc()
  private readonly provider: WebsocketProvider
  private readonly local: IndexeddbPersistence
  readonly localName: string

  constructor(options: DraftSyncOptions) {
    this.localName = `board-${options.boardId}-drafts-${options.participantId}`
    this.local = new IndexeddbPersistence(this.localName, this.doc)
    const params: Record<string, string> = {
      [ParticipantParam]: options.participantSecret,
      [DraftsQueryParam]: '1',
    }
    if (options.boardKey) params.key = options.boardKey
    this.provider = new WebsocketProvider(
      options.serverUrl,
      encodeURIComponent(options.boardId),
      this.doc,
      {
        // y-websocket names its BroadcastChannel after the URL without its query, which is the
        // board's: sharing it would hand drafts to the board of every other tab.
        disableBc: true,
        params,
        maxBackoffTime: 2500,
        shouldReconnect: (event) =>
          !terminalCloseCodes.has(event.code) && !tooLargeCloseCodes.has(event.code),
      },
    )
    // Drafts carry no presence: the board's socket does.
    this.provider.awareness.setLocalState(null)
  }

  /** Connects again (after the browser came back online). */
  connect(): void {
    this.provider.connect()
  }

  /** Disconnects (the browser went offline); edits keep going to IndexedDB. */
  disconnect(): void {
    this.provider.disconnect()
  }

  dispose(): void {
    this.provider.destroy()
    void this.local.destroy()
    this.doc.destroy()
  }
}
