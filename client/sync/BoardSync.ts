import {
  atom,
  computed,
  createTLStore,
  createUserId,
  UserRecordType,
  type Atom,
  type TLRecord,
  type TLSchema,
  type TLStore,
  type TLUser,
} from 'tldraw'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as idb from 'lib0/indexeddb'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getDraftRecords } from '../../shared/doc/draftDoc'
import { getTldrawRecords } from '../../shared/doc/layout'
import type { AwarenessUser } from '../../shared/protocol/awareness'
import {
  CloseCodes,
  terminalCloseCodes,
  tooLargeCloseCodes,
} from '../../shared/protocol/closeCodes'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages'
import { ParticipantParam, participantIdOf } from '../../shared/workshop/participant'
import { createBoardAssetStore, type UploadFailure } from './assetStore'
import {
  connectionStatus,
  initialConnectionFacts,
  type ConnectionFacts,
  type ConnectionStatus,
} from './connectionStatus'
import { readParticipants, sameParticipants, type Participant } from './participants'
import { holdsAll, saveCheckFor } from './saveCheck'
import { mirrorRemotePresence, publishPresence } from './presence'
import { seedBoard } from './seedBoard'
import { DraftSync } from './DraftSync'
import { bindTldrawStoreToYMap } from './tldrawYjsBinding'

export interface BoardSyncOptions {
  boardId: string
  user: AwarenessUser
  /**
   * The schema of the board's records (`createBoardSchema()`): the sync needs no shape views,
   * only what validates the records it stores and receives.
   */
  schema: TLSchema
  /** Base URL of the sync endpoint; defaults to ws(s)://<this host>/sync. */
  serverUrl?: string
  /** Skip the BroadcastChannel shortcut between tabs of one browser. */
  disableBc?: boolean
  /** The board key this browser holds (a share link's secret), sent on the sync URL. */
  boardKey?: string
  /**
   * The secret this browser's person is known by, sent on the sync URL: the server lets this
   * client's presence go by `user.id` only if it is the secret's participant id. It also opens
   * their private drafts (client/sync/DraftSync.ts); without it, everything goes to the board.
   */
  participantSecret?: string
}

/** What the UI needs to know about the connection; replaced whole on every change. */
export interface BoardSyncState {
  status: ConnectionStatus
  /** The store holds the board and the editor can be shown. */
  ready: boolean
  /** The close code when the server refused the board or, too large, a change to it. */
  closeCode: number | null
}

/** What reaches the sync message handler: y-websocket's handler signature. */
type SyncHandler = WebsocketProvider['messageHandlers'][number]

/**
 * How long to wait for the local IndexedDB copy once the server has synced an empty board,
 * before deciding it is new. IndexedDB can be unavailable (some private windows) and must not
 * block a board the server already delivered.
 */
const LocalCopyGraceMs = 3000

/** y-websocket's longest wait between reconnects. */
const ReconnectMaxBackoffMs = 2500
/** While the server cannot store edits, tries come further apart, up to this. */
const StorageRetryMaxBackoffMs = 10_000
/** Between save checks on one connection while the server may still be storing the edits. */
const SaveCheckFirstDelayMs = 250
const SaveCheckMaxDelayMs = 5000

/** Default sync endpoint on the page's own origin. */
export function defaultSyncUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}/sync`
}

/**
 * Keeps one board in sync, without React: a Y.Doc persisted in IndexedDB (so offline edits
 * survive closing the tab) and synced with the server over y-websocket, bound to a tldraw
 * store, plus presence in awareness. Create it, read `store` once `ready`, call dispose().
 */
export class BoardSync {
  readonly doc = new Y.Doc()
  readonly store: TLStore
  readonly awareness: Awareness
  /** This person's private drafts on the board, when a participant was given. */
  readonly drafts: DraftSync | null
  /** Which new records are private now; the workshop sets it (see setPrivateRecords). */
  private isPrivateRecord: (record: TLRecord) => boolean = () => false
  private readonly provider: WebsocketProvider
  private readonly local: IndexeddbPersistence
  private readonly $identity: Atom<AwarenessUser>
  private readonly $connected = atom<'online' | 'offline'>('board connected', 'offline')
  private readonly facts: ConnectionFacts
  private readonly localName: string
  private state: BoardSyncState
  /** Storage refusals in a row, for the backoff. */
  private storageRefusals = 0
  /** The socket on which this client answered the server's state vector with its own edits. */
  private answeredSocket: WebSocket | null = null
  /** A save check awaiting its answer: the socket it went out on, and the state to find. */
  private saveCheck: { socket: WebSocket; expected: Map<number, number> } | null = null
  private saveCheckTimer: ReturnType<typeof setTimeout> | null = null
  private saveCheckDelay = SaveCheckFirstDelayMs
  private participants: Participant[] = []
  private localLoaded = false
  private graceTimer: ReturnType<typeof setTimeout> | null = null
  private readonly listeners = new Set<() => void>()
  private readonly uploadErrorListeners = new Set<(failure: UploadFailure) => void>()
  private readonly cleanups: (() => void)[] = []
  private disposed = false

  constructor({
    boardId,
    user,
    schema,
    serverUrl = defaultSyncUrl(),
    disableBc = false,
    boardKey,
    participantSecret,
  }: BoardSyncOptions) {
    this.$identity = atom<AwarenessUser>('board identity', user)
    const $user = computed<TLUser>('board user', () => toTLUser(this.$identity.get()))
    this.store = createTLStore({
      schema,
      assets: createBoardAssetStore(boardId, (failure) => {
        for (const listener of this.uploadErrorListeners) listener(failure)
      }),
      users: { currentUser: $user },
      collaboration: { status: this.$connected },
    })

    this.facts = initialConnectionFacts(navigator.onLine)
    this.state = { status: connectionStatus(this.facts), ready: false, closeCode: null }

    this.localName = `board-${boardId}`
    this.local = new IndexeddbPersistence(this.localName, this.doc)
    void this.local.whenSynced.then(() => {
      this.localLoaded = true
      this.maybeBecomeReady()
    })

    this.provider = new WebsocketProvider(serverUrl, encodeURIComponent(boardId), this.doc, {
      connect: this.facts.browserOnline,
      disableBc,
      params: {
        ...(boardKey && { key: boardKey }),
        ...(participantSecret && { [ParticipantParam]: participantSecret }),
      },
      maxBackoffTime: ReconnectMaxBackoffMs,
      // Sending a change the server refused as too large again would only loop: stop, and let
      // the person download or discard it. A change to locked content is dropped (see
      // `discardLocalCopy`) before the board opens again.
      shouldReconnect: (event) =>
        !terminalCloseCodes.has(event.code) &&
        !tooLargeCloseCodes.has(event.code) &&
        event.code !== CloseCodes.Locked.code,
    })
    this.awareness = this.provider.awareness
    this.drafts = participantSecret
      ? new DraftSync({
          boardId,
          participantId: participantIdOf(participantSecret),
          participantSecret,
          serverUrl,
          boardKey,
        })
      : null
    if (this.drafts && !this.facts.browserOnline) this.drafts.disconnect()
    this.listenToProvider()
    this.watchSaves()
    this.listenToBrowser()

    this.cleanups.push(publishPresence(this.store, this.awareness, this.$identity, $user))
    const onAwareness = () => this.updateParticipants()
    this.awareness.on('change', onAwareness)
    this.cleanups.push(() => this.awareness.off('change', onAwareness))
    this.updateParticipants()
  }

  /** Subscribes to state and participant changes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getState = (): BoardSyncState => this.state

  /** Everyone on the board, you first; a new array only when something visible changed. */
  readonly getParticipants = (): Participant[] => this.participants

  /** Changes the name or colour others see. */
  setUser(user: AwarenessUser): void {
    this.$identity.set(user)
  }

  /**
   * Decides which records this person adds are private (new stickies in a private scope): they
   * go to their drafts instead of the board.
   */
  setPrivateRecords(isPrivate: (record: TLRecord) => boolean): void {
    this.isPrivateRecord = isPrivate
  }

  /** Subscribes to failed image uploads (too large, wrong type…). */
  onUploadError(listener: (failure: UploadFailure) => void): () => void {
    this.uploadErrorListeners.add(listener)
    return () => this.uploadErrorListeners.delete(listener)
  }

  /** The board as this device holds it, unsaved changes included, as one Yjs update. */
  encodeLocalCopy(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc)
  }

  /**
   * Drops what this device holds of the board, unsaved changes included: stops syncing and
   * deletes the IndexedDB copy. Open the board again afterwards (a new BoardSync) to get the
   * server's copy; later edits are saved as usual.
   */
  async discardLocalCopy(): Promise<void> {
    this.provider.disconnect()
    await this.local.destroy()
    await idb.deleteDB(this.localName)
  }

  /** Stops syncing and releases the socket, IndexedDB and listeners. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    if (this.graceTimer !== null) clearTimeout(this.graceTimer)
    this.cancelSaveCheck()
    // Last-frame edits and the "left" awareness update go out before the socket closes.
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup()
    this.provider.destroy()
    this.drafts?.dispose()
    void this.local.destroy()
    this.doc.destroy()
    this.listeners.clear()
    this.uploadErrorListeners.clear()
  }

  private listenToProvider(): void {
    this.provider.on('sync', (synced: boolean) => {
      this.facts.socketSynced = synced
      if (synced) this.facts.everSynced = true
      this.update()
      this.maybeBecomeReady()
    })
    this.provider.on('status', () => {
      this.facts.socketSynced = this.provider.wsconnected && this.provider.synced
      this.update()
    })
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      this.answeredSocket = null
      this.cancelSaveCheck()
      if (event?.code === CloseCodes.Locked.code) {
        this.facts.lockRefused = true
        this.update()
        return
      }
      if (event?.code !== CloseCodes.StorageUnavailable.code) return
      // The edits stay in the doc (and IndexedDB) and go out again on the next connection. A
      // sync resets y-websocket's backoff, and every try here syncs before it is refused, so
      // the backoff is counted here instead; y-websocket adds this close after this event.
      this.storageRefusals++
      this.provider.maxBackoffTime = StorageRetryMaxBackoffMs
      this.provider.wsUnsuccessfulReconnects = this.storageRefusals - 1
      this.facts.storageRefused = true
      this.update()
    })
    this.provider.on('closed', ({ code }: { code: number }) => {
      if (code === CloseCodes.Locked.code) return
      if (tooLargeCloseCodes.has(code)) this.facts.tooLargeCloseCode = code
      else this.facts.terminalCloseCode = code
      this.update()
    })
  }

  /**
   * After the server refused to store an edit, finds out when it stores them again: once
   * connected, asks for what the server holds beyond one item short of this client's state, and
   * the answer holds the last item of every client exactly when the server has stored them all.
   * While the server may still be writing them, asks again a little later.
   */
  private watchSaves(): void {
    const handlers = this.provider.messageHandlers
    const handleSync = handlers[MessageType.Sync]!
    const watched: SyncHandler = (encoder, decoder, provider, fromSocket, messageType) => {
      const socket = fromSocket ? provider.ws : null
      const syncType = decoding.peekVarUint(decoder)
      let answer: Uint8Array | null = null
      if (
        socket !== null &&
        syncType === SyncMessageType.Step2 &&
        this.saveCheck?.socket === socket
      ) {
        const peek = decoding.clone(decoder)
        decoding.readVarUint(peek)
        answer = decoding.readVarUint8Array(peek)
      }
      handleSync(encoder, decoder, provider, fromSocket, messageType)
      if (socket === null) return
      // The answer (this client's edits) goes out once this handler returns.
      if (syncType === SyncMessageType.Step1) {
        this.answeredSocket = socket
        return
      }
      if (answer) this.saveCheckAnswered(socket, answer)
      else this.maybeCheckSaves(socket)
    }
    handlers[MessageType.Sync] = watched
  }

  private maybeCheckSaves(socket: WebSocket): void {
    if (!this.facts.storageRefused || !this.provider.synced) return
    if (this.answeredSocket !== socket || this.saveCheck !== null) return
    if (this.saveCheckTimer !== null || socket.readyState !== WebSocket.OPEN) return
    const { asked, expected } = saveCheckFor(this.doc)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    encoding.writeVarUint(encoder, SyncMessageType.Step1)
    encoding.writeVarUint8Array(encoder, asked)
    socket.send(encoding.toUint8Array(encoder))
    this.saveCheck = { socket, expected }
  }

  private saveCheckAnswered(socket: WebSocket, answer: Uint8Array): void {
    const expected = this.saveCheck?.expected
    this.saveCheck = null
    if (expected && holdsAll(answer, expected)) {
      this.savesConfirmed()
      return
    }
    this.saveCheckTimer = setTimeout(() => {
      this.saveCheckTimer = null
      if (this.provider.ws === socket) this.maybeCheckSaves(socket)
    }, this.saveCheckDelay)
    this.saveCheckDelay = Math.min(this.saveCheckDelay * 2, SaveCheckMaxDelayMs)
  }

  private cancelSaveCheck(): void {
    if (this.saveCheckTimer !== null) clearTimeout(this.saveCheckTimer)
    this.saveCheckTimer = null
    this.saveCheck = null
    this.saveCheckDelay = SaveCheckFirstDelayMs
  }

  private savesConfirmed(): void {
    this.cancelSaveCheck()
    this.storageRefusals = 0
    this.provider.maxBackoffTime = ReconnectMaxBackoffMs
    this.facts.storageRefused = false
    this.update()
  }

  private listenToBrowser(): void {
    // Sockets can linger for many seconds after the network goes away; close them at once so
    // the status is honest and edits queue locally, and reconnect as soon as it comes back.
    const onOnline = () => {
      this.facts.browserOnline = true
      if (this.facts.terminalCloseCode === null && this.facts.tooLargeCloseCode === null) {
        this.provider.connect()
      }
      this.drafts?.connect()
      this.update()
    }
    const onOffline = () => {
      this.facts.browserOnline = false
      this.provider.disconnect()
      this.drafts?.disconnect()
      this.update()
    }
    // Tell others at once when this tab goes away, rather than when the socket times out.
    const onPageHide = () => this.awareness.setLocalState(null)
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    window.addEventListener('pagehide', onPageHide)
    this.cleanups.push(() => {
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('pagehide', onPageHide)
    })
  }

  /**
   * The editor is shown once the doc holds the board: from the local copy if it has one (so a
   * board opens offline), otherwise after the server sync. A board empty on both sides is new
   * and gets tldraw's default document and page; their ids are fixed, so two clients seeding
   * the same new board at once write the same records rather than two pages.
   */
  private maybeBecomeReady(): void {
    if (this.disposed || this.state.ready) return
    const records = getTldrawRecords(this.doc)
    const hasContent = records.size > 0
    const serverSynced = this.facts.everSynced
    if (!hasContent && !serverSynced) return
    if (!hasContent && !this.localLoaded) {
      // Wait briefly for the local copy so offline edits are not shadowed by a fresh seed.
      this.graceTimer ??= setTimeout(() => {
        this.localLoaded = true
        this.maybeBecomeReady()
      }, LocalCopyGraceMs)
      return
    }
    if (!hasContent) seedBoard(this.doc)

    const drafts = this.drafts && {
      doc: this.drafts.doc,
      records: getDraftRecords(this.drafts.doc),
      isPrivate: (record: TLRecord) => this.isPrivateRecord(record),
    }
    this.cleanups.push(bindTldrawStoreToYMap(this.store, this.doc, records, drafts ?? undefined))
    this.cleanups.push(mirrorRemotePresence(this.store, this.awareness))
    this.setState({ ready: true })
  }

  private update(): void {
    this.$connected.set(this.facts.socketSynced ? 'online' : 'offline')
    this.setState({
      status: connectionStatus(this.facts),
      closeCode: this.facts.terminalCloseCode ?? this.facts.tooLargeCloseCode,
    })
  }

  private updateParticipants(): void {
    const next = readParticipants(this.awareness)
    if (sameParticipants(next, this.participants)) return
    this.participants = next
    this.emit()
  }

  private setState(patch: Partial<BoardSyncState>): void {
    const next = { ...this.state, ...patch }
    const changed = (Object.keys(next) as (keyof BoardSyncState)[]).some(
      (key) => next[key] !== this.state[key],
    )
    if (!changed) return
    this.state = next
    this.emit()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

function toTLUser(user: AwarenessUser): TLUser {
  return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })
}
