import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Role } from '../../shared/api/links.js'
import { getTldrawRecords } from '../../shared/doc/layout.js'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  records: Y.Map<unknown>
  /** Resolves on the first 'sync' event. */
  synced: Promise<void>
  /** Resolves with the first close the server sends. */
  closed: Promise<{ code: number; reason: string }>
  destroy(): void
}

/** A standard, unmodified y-websocket client in Node, talking to the server only. */
export function connectClient(
  wsUrl: string,
  boardId: string,
  options: { doc?: Y.Doc; params?: Record<string, string> } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}/sync`, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.params,
  })
  const synced = new Promise<void>((res) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      res()
    }
    provider.on('sync', onSync)
  })
  const closed = new Promise<{ code: number; reason: string }>((res) => {
    provider.on('connection-close', (event) => {
      if (event) res({ code: event.code, reason: event.reason })
    })
  })
  return {
    doc,
    provider,
    records: getTldrawRecords(doc),
    synced,
    closed,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** A board with its owner key (deleting it and managing its tokens need it) and share links. */
export interface OwnedBoard {
  id: string
  ownerKey: string
  links: { role: Exclude<Role, 'owner'>; key: string }[]
}

/** The key of `role` on a board: the owner key, or the key of that share link. */
export const keyOf = (board: OwnedBoard, role: Role): string =>
  role === 'owner' ? board.ownerKey : board.links.find((l) => l.role === role)!.key

/** Creates a board through the REST API and returns its id and owner key. */
export async function createOwnedBoard(baseUrl: string, title = 'Test board'): Promise<OwnedBoard> {
  const res = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status}`)
  const { id, ownerKey, links } = (await res.json()) as OwnedBoard
  return { id, ownerKey, links: links.map(({ role, key }) => ({ role, key })) }
}

/** Creates a board through the REST API and returns its id. */
export async function createBoard(baseUrl: string, title = 'Test board'): Promise<string> {
  return (await createOwnedBoard(baseUrl, title)).id
}

/** A raw WebSocket to the sync endpoint, for sending hand-made frames. */
export function openRawSocket(wsUrl: string, boardId: string) {
  const socket = new WebSocket(`${wsUrl}/sync/${boardId}`)
  const opened = new Promise<void>((res, rej) => {
    socket.once('open', () => res())
    socket.once('error', rej)
  })
  const closed = new Promise<{ code: number; reason: string }>((res) => {
    socket.once('close', (code, reason) => res({ code, reason: reason.toString() }))
  })
  const messages: Uint8Array[] = []
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  return { socket, opened, closed, messages }
}
