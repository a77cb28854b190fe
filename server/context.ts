import type { BoardAccess } from './access/boardAccess.js'
import type { Config } from './config.js'
import type { CommentRooms } from './comments/commentRooms.js'
import type { DraftRooms } from './drafts/draftRooms.js'
import type { VersionService } from './history/versionService.js'
import type { MeasurementCache } from './hypotheses/measurementCache.js'
import type { createHypothesisIndexer } from './indexes/hypothesisIndexer.js'
import type { Logger } from './logger.js'
import type { Persistence } from './persistence/types.js'
import type { StorageHealth } from './persistence/storageHealth.js'
import type { SourcePoller } from './sources/sourcePoller.js'
import type { BoardEvents } from './sync/boardEvents.js'
import type { RoomBus } from './sync/RoomBus.js'
import type { RoomManager } from './sync/RoomManager.js'
import type { WebhookEvents } from './webhooks/webhookEvents.js'
import type { WorkshopService } from './workshop/workshopService.js'

/** What route modules and hooks share: built once per server, never module-level state. */
export interface ServerContext {
  config: Config
  log: Logger
  persistence: Persistence
  rooms: RoomManager
  /** Each person's private drafts, one room per person and board. */
  drafts: DraftRooms
  /** Each board's comments, a room of its own that only the server writes. */
  comments: CommentRooms
  /** Each board's versions: automatic, named, restores. */
  versions: VersionService
  now: () => number
  indexer: ReturnType<typeof createHypothesisIndexer>
  measurements: MeasurementCache
  access: BoardAccess
  workshop: WorkshopService
  /** Whether the store accepts writes right now (`/api/health`, REST writes). */
  health: StorageHealth
  /** What other instances of the same boards hear from this one (one instance: nothing). */
  bus: RoomBus
  /** Session closes and workshop changes that every instance acts on. */
  events: BoardEvents
  /**
   * Outbound webhooks: queue an event (`emit`; `checkinDue` for check-ins, once they exist),
   * look at the queue now (`wake`).
   */
  webhooks: Pick<WebhookEvents, 'emit' | 'checkinDue'> & { wake(): void }
  /** Polls metric sources and records what they read. */
  sources: SourcePoller
  /** True from the start of shutdown: readiness fails so that no new traffic comes. */
  draining(): boolean
}
