import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { byLastActivity, type Thread } from '../../shared/comments/comments'
import { readThreads } from '../../shared/doc/commentsDoc'
import { terminalCloseCodes } from '../../shared/protocol/closeCodes'
import { CommentsQueryParam } from '../../shared/protocol/syncParams'

export interface CommentsSyncOptions {
  boardId: string
  /** Base URL of the sync endpoint (`defaultSyncUrl()` in the browser). */
  serverUrl: string
  boardKey?: string
  /** A WebSocket implementation where the platform has none (Node). */
  WebSocketPolyfill?: typeof WebSocket
}

/**
 * A board's comment threads, live and without React: the board's comments document
 * (shared/doc/commentsDoc.ts) synced read-only from the server, which alone writes it when
 * someone comments through the REST API. Nothing here ever writes to the document.
 */
export class CommentsSync {
  private readonly doc = new Y.Doc()
  private readonly provider: WebsocketProvider
  private threads: readonly Thread[] = []
  private synced = false
  private readonly listeners = new Set<() => void>()

  constructor({ boardId, serverUrl, boardKey, WebSocketPolyfill }: CommentsSyncOptions) {
    const params: Record<string, string> = { [CommentsQueryParam]: '1' }
    if (boardKey) params.key = boardKey
    this.provider = new WebsocketProvider(serverUrl, encodeURIComponent(boardId), this.doc, {
      // y-websocket names its BroadcastChannel after the URL without its query, which is the
      // board's: sharing it would mix the board's updates into the comments.
      disableBc: true,
      params,
      maxBackoffTime: 2500,
      shouldReconnect: (event) => !terminalCloseCodes.has(event.code),
      ...(WebSocketPolyfill && { WebSocketPolyfill }),
    })
    // Comments carry no presence: the board's socket does.
    this.provider.awareness.setLocalState(null)
    this.doc.on('update', this.onUpdate)
    this.provider.on('sync', this.onSync)
  }

  /** Every thread, open and resolved, newest activity first; the same array until a change. */
  getThreads = (): readonly Thread[] => this.threads

  /** Whether the threads have been read from the server at least once. */
  isSynced = (): boolean => this.synced

  /** Calls `listener` after every change to the threads or to `isSynced`; returns unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    this.doc.off('update', this.onUpdate)
    this.provider.off('sync', this.onSync)
    this.provider.destroy()
    this.doc.destroy()
    this.listeners.clear()
  }

  private readonly onUpdate = () => {
    this.threads = readThreads(this.doc).sort(byLastActivity)
    this.emit()
  }

  private readonly onSync = (isSynced: boolean) => {
    if (!isSynced || this.synced) return
    this.synced = true
    this.emit()
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }
}
