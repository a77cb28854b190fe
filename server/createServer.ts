import { mkdirSync } from 'node:fs'
import { serve, type ServerType } from '@hono/node-server'
import { createNodeWebSocket } from '@hono/node-ws'
import type { AddressInfo } from 'node:net'
import { Hono } from 'hono'
import { CloseCodes } from '../shared/protocol/closeCodes.js'
import { createApp } from './app.js'
import { createMeasurementCache } from './hypotheses/measurementCache.js'
import { createHypothesisIndexer } from './indexes/hypothesisIndexer.js'
import { ensureErrorEvent } from './http/errorEventShim.js'
import type { Config } from './config.js'
import type { ServerContext } from './context.js'
import { createLogger, type Logger } from './logger.js'
import { createSqlitePersistence } from './persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from './persistence/types.js'
import { gateWrites, guardPersistence } from './persistence/guardedPersistence.js'
import { markRunning, startIntegrityCheck } from './persistence/sqlite/integrityCheck.js'
import { createStorageHealth } from './persistence/storageHealth.js'
import { StorageUnavailableError } from './persistence/storageErrors.js'
import { createLocalBus, type RoomBus } from './sync/RoomBus.js'
import { createBoardEvents } from './sync/boardEvents.js'
import { RoomManager, type Authorize } from './sync/RoomManager.js'
import type { Room, RoomHooks } from './sync/Room.js'
import { combineHooks } from './sync/roomHooks.js'
import { participantOfSyncUrl } from './sync/presenceIdentity.js'
import { createParticipantRecorder } from './workshop/participants.js'
import { createWorkshopService } from './workshop/workshopService.js'
import { lockGuard } from './workshop/lockGuard.js'
import { createBoardAccess } from './access/boardAccess.js'
import { syncRole } from './access/syncAccess.js'
import { createDraftRooms } from './drafts/draftRooms.js'
import { createCommentRooms } from './comments/commentRooms.js'
import { createVersionService } from './history/versionService.js'
import { hypothesisWebhookHooks } from './webhooks/hypothesisEvents.js'
import { createWebhookEvents } from './webhooks/webhookEvents.js'
import { createWebhookSender } from './webhooks/webhookSender.js'
import { watchOverdueHypotheses } from './webhooks/overdueHypotheses.js'
import { watchDueCheckins } from './webhooks/dueCheckins.js'
import { createSourcePoller } from './sources/sourcePoller.js'
import { createSecretBox } from './sources/secretBox.js'
import { readingRecorder } from './sources/recordReading.js'
import { RoleAbilities } from '../shared/api/links.js'
import { votableItems } from '../shared/workshop/votableItems.js'
import type { WorkshopState } from '../shared/workshop/workshopState.js'
import type { BoardPresence } from '../shared/api/boards.js'

/**
 * Every screen of a board sees the workshop as the server's own presence state, and the room
 * refuses updates to what it locks.
 */
function showWorkshop(room: Room, workshop: WorkshopState) {
  room.setUpdateGuard(lockGuard(workshop.locks))
  room.setServerState({ workshop })
}

/** The board's title, which every screen shows live, as the server's own presence. */
const titleState = (board: { title: string }): BoardPresence => ({ board: { title: board.title } })

const PURGE_INTERVAL_MS = 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

export interface RunningServer {
  url: string
  port: number
  context: ServerContext
  close(): Promise<void>
}

export interface ServerOverrides {
  persistence?: Persistence
  bus?: RoomBus
  log?: Logger
  now?: () => number
}

/**
 * PostgreSQL when `DATABASE_URL` is set, otherwise the SQLite file in `DATA_DIR`. The
 * PostgreSQL store and its driver are loaded only then: a server on SQLite never holds them.
 */
async function openStore(config: Config, log: Logger): Promise<Persistence> {
  if (config.databaseUrl) {
    const { createPostgresPersistence } =
      await import('./persistence/postgres/PostgresPersistence.js')
    return createPostgresPersistence(config.databaseUrl, { durability: config.durability, log })
  }
  return createSqlitePersistence(config.dataDir, { durability: config.durability })
}

/** Builds and starts the server: persistence, rooms, HTTP and WebSocket on one port. */
export async function createServer(
  config: Config,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const log = overrides.log ?? createLogger(config.logLevel)
  const now = overrides.now ?? Date.now
  const health = createStorageHealth(log, now)
  // The embedded store notes that it runs (a crash leaves the note, and a WAL deleted after a
  // crash is reported loudly: so before the file is opened) and checks the file's integrity in
  // the background.
  const embedded = !overrides.persistence && !config.databaseUrl
  if (embedded) mkdirSync(config.dataDir, { recursive: true })
  const runMarker = embedded ? markRunning(config.dataDir, log) : undefined
  // Every write failure means "storage unavailable" and every unreadable document "board
  // unreadable", whichever store is behind.
  // Several instances share live traffic through Redis; while it cannot carry it, writes are
  // refused like a store's refused writes, so nothing is stored that other screens never see.
  // The Redis client is loaded only when there is a Redis to talk to.
  const bus =
    overrides.bus ??
    (config.redisUrl
      ? (await import('./sync/redisBus.js')).createRedisBus(config.redisUrl, log)
      : createLocalBus())
  const persistence = guardPersistence(
    gateWrites(overrides.persistence ?? (await openStore(config, log)), bus.failure),
    health,
  )
  if (embedded) void startIntegrityCheck({ dataDir: config.dataDir, log })

  const access = createBoardAccess({
    keys: persistence,
    openInstance: config.openInstance,
    now,
    log,
  })
  await access.issueMissingKeys()

  // A connection's role comes from the key on its URL; without a valid one the board cannot
  // be found. Viewers and commenters sync down but their document updates are never applied.
  // Who it is comes from the participant secret beside the key.
  const authorize: Authorize = async ({ boardId, url }) => {
    const opened = await syncRole({ boards: persistence, access }, boardId, url)
    if ('refuse' in opened) return opened
    const { role } = opened
    const participant = participantOfSyncUrl(url)
    if (participant === 'invalid') return { refuse: CloseCodes.IdentityRefused }
    return { permission: RoleAbilities.edit(role) ? 'write' : 'read', role, ...participant }
  }

  const measurements = createMeasurementCache()
  const indexer = createHypothesisIndexer({ persistence, now, log, debounceMs: 150, measurements })
  // The workshop state reaches screens as the room's own presence; rooms not loaded get it when
  // they load.
  const workshop = createWorkshopService({
    store: persistence,
    now,
    log,
    items: async (boardId, scope) => votableItems((await rooms.getRoom(boardId)).doc, scope),
    publish: (boardId, state) => {
      rooms.withLoadedRoom(boardId, (room) => showWorkshop(room, state))
      events.workshopChanged(boardId)
    },
    reveal: (boardId, state) => drafts.reveal(boardId, state),
  })
  const participants = createParticipantRecorder({ store: persistence, now, log })
  const versions = createVersionService({
    store: persistence,
    room: (boardId) => rooms.getRoom(boardId),
    now,
    log,
  })
  // Events are queued in the store and sent by this instance's sender, or another's.
  const sender = createWebhookSender({
    store: persistence,
    settings: config.webhooks,
    now,
    log,
    storeFailing: () => health.failure() !== null,
  })
  const webhookEvents = createWebhookEvents({
    store: persistence,
    now,
    log,
    giveUpAfterMs: config.webhooks.giveUpAfterMs,
    queued: sender.wake,
  })
  const overdue = watchOverdueHypotheses({
    index: persistence,
    events: webhookEvents,
    now,
    log,
    everyMs: config.webhooks.overdueCheckMs,
    withinMs: config.webhooks.giveUpAfterMs,
  })
  const dueCheckins = watchDueCheckins({
    index: persistence,
    events: webhookEvents,
    now,
    log,
    everyMs: config.webhooks.overdueCheckMs,
    withinMs: config.webhooks.giveUpAfterMs,
  })
  const workshopHooks: RoomHooks = {
    async onLoad(_boardId, _doc, room) {
      // Read together: on a database across the network each read is a round trip the first
      // client waits for.
      const [state, board] = await Promise.all([
        workshop.get(room.boardId),
        persistence.getBoard(room.boardId),
      ])
      showWorkshop(room, state)
      if (board) room.setServerState(titleState(board))
    },
    onPresence: (boardId, people) => participants.record(boardId, people),
    onUnload(boardId) {
      workshop.evict(boardId)
      participants.forget(boardId)
    },
  }
  const rooms: RoomManager = new RoomManager({
    hooks: combineHooks(
      indexer.hooks,
      workshopHooks,
      versions.hooks,
      hypothesisWebhookHooks({ events: webhookEvents, measurements, now }),
    ),
    store: persistence,
    health,
    bus,
    log,
    now,
    authorize,
    limits: config.limits,
    unloadAfterMs: config.roomUnloadAfterMs,
  })
  const drafts = createDraftRooms({
    persistence,
    access,
    boardRoom: (boardId) => rooms.getRoom(boardId),
    workshop: (boardId) => workshop.get(boardId),
    store: persistence,
    health,
    bus,
    log,
    now,
    limits: config.limits,
    unloadAfterMs: config.roomUnloadAfterMs,
  })
  const comments = createCommentRooms({
    persistence,
    access,
    store: persistence,
    health,
    bus,
    log,
    now,
    limits: config.limits,
    unloadAfterMs: config.roomUnloadAfterMs,
  })
  const events = createBoardEvents({
    bus,
    rooms,
    drafts,
    comments,
    workshop,
    showWorkshop,
    showTitle: async (boardId) => {
      // Read before the room is looked up, so a room that loads meanwhile reads it itself.
      const board = await persistence.getBoard(boardId)
      if (board) rooms.withLoadedRoom(boardId, (room) => room.setServerState(titleState(board)))
    },
    log,
  })
  let draining = false
  const context: ServerContext = {
    config,
    log,
    persistence,
    rooms,
    drafts,
    comments,
    versions,
    now,
    indexer,
    measurements,
    access,
    workshop,
    health,
    bus,
    events,
    webhooks: { emit: webhookEvents.emit, checkinDue: webhookEvents.checkinDue, wake: sender.wake },
    sources: createSourcePoller({
      store: persistence,
      secrets: createSecretBox(config.pulls.secretsKey, config.dataDir),
      config: config.pulls,
      record: (...args) => readingRecorder(context)(...args),
      now,
      log,
    }),
    draining: () => draining,
  }

  ensureErrorEvent()
  const root = new Hono()
  const nodeWs = createNodeWebSocket({ app: root })
  // ws closes an oversized frame itself with 1009 (Message Too Big) before buffering it whole.
  ;(nodeWs.wss.options as { maxPayload: number }).maxPayload = config.limits.maxMessageBytes
  root.route('/', createApp(context, nodeWs.upgradeWebSocket))

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: root.fetch,
        port: config.port,
        hostname: config.host,
        // Slow clients are closed with 408: a request head must arrive within headersTimeout and
        // a whole request within requestTimeout. Node looks for overdue connections every
        // connectionsCheckingInterval (30 s by default), so that is kept well below both. A
        // WebSocket leaves these checks once upgraded.
        serverOptions: {
          headersTimeout: config.http.headersTimeoutMs,
          requestTimeout: config.http.requestTimeoutMs,
          connectionsCheckingInterval: Math.max(
            50,
            Math.min(1000, config.http.headersTimeoutMs / 4),
          ),
        },
      },
      () => resolve(s),
    )
  })
  nodeWs.injectWebSocket(server)
  const port = (server.address() as AddressInfo).port

  const purge = () => {
    const failed = (error: unknown) => {
      if (!(error instanceof StorageUnavailableError)) {
        log.error('store.purge_failed', { error: String(error) })
      }
    }
    void Promise.resolve(persistence.purgeDeletedBoards(now() - 30 * DAY_MS)).catch(failed)
    // The delivery log shows the last few; finished deliveries are kept for a month.
    void Promise.resolve(persistence.pruneDeliveries(now() - 30 * DAY_MS)).catch(failed)
  }
  purge()
  const purgeTimer = setInterval(purge, PURGE_INTERVAL_MS)
  purgeTimer.unref()
  context.sources.start()

  let closing: Promise<void> | undefined
  return {
    url: `http://localhost:${port}`,
    port,
    context,
    close() {
      closing ??= (async () => {
        draining = true
        clearInterval(purgeTimer)
        // Stop accepting first: a client reconnecting while the rooms close must not keep the
        // server open. A socket whose upgrade was already under way is ended as it arrives.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        nodeWs.wss.on('connection', (socket) => socket.terminate())
        await context.sources.close()
        await drafts.closeAll()
        await comments.closeAll()
        await rooms.closeAll()
        await indexer.close()
        overdue.stop()
        dueCheckins.stop()
        await sender.close()
        for (const client of nodeWs.wss.clients) client.terminate()
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
        await stopped
        await bus.close()
        await persistence.close()
        runMarker?.markStopped()
      })()
      return closing
    },
  }
}
