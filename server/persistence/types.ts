import type { Board } from '../../shared/api/boards.js'
import type { BoardKeyStore, WorkshopStore } from '../access/accessTypes.js'

/**
 * Persistence is split by concern so that a multi-instance deployment can swap each part
 * (PostgreSQL for boards and documents, object storage for assets) without touching sync code.
 * Methods may return promises; the embedded SQLite store answers synchronously.
 */
export type MaybePromise<T> = T | Promise<T>

/** Board metadata: titles, times and soft deletion. */
export interface BoardRepository {
  listBoards(options: { deleted: boolean; deletedSince?: number }): MaybePromise<Board[]>
  getBoard(boardId: string): MaybePromise<Board | undefined>
  createBoard(board: { id: string; title: string; now: number }): MaybePromise<Board>
  renameBoard(boardId: string, title: string, now: number): MaybePromise<Board | undefined>
  /** Marks a board deleted, by whom (a name, or null); it stays restorable until purged. */
  softDeleteBoard(
    boardId: string,
    now: number,
    deletedBy: string | null,
  ): MaybePromise<Board | undefined>
  restoreBoard(boardId: string, now: number): MaybePromise<Board | undefined>
  /** Removes boards deleted before `before` for good, with their documents and assets. */
  purgeDeletedBoards(before: number): MaybePromise<number>
}

/** The stored form of a board's Y.Doc: an append-only log of updates, compacted now and then. */
export interface StoredDocument {
  updates: Uint8Array[]
  /** Sequence number of the newest stored update (0 when there is none). */
  lastSeq: number
  /** Sum of the stored updates' sizes. */
  bytes: number
  /**
   * The first update is a compacted snapshot whose bytes were checked on read (a gzip CRC):
   * it can go to a fresh client before the room has applied it.
   */
  verifiedSnapshot?: boolean
}

export interface DocumentStore {
  loadDocument(boardId: string): MaybePromise<StoredDocument>
  /**
   * Appends one update and marks the board edited. Resolves only once the update is durable:
   * the sync layer broadcasts an update only after this returns.
   */
  appendUpdate(boardId: string, update: Uint8Array, now: number): MaybePromise<number>
  /** Replaces every update up to and including `uptoSeq` with one snapshot update. */
  compactDocument(boardId: string, snapshot: Uint8Array, uptoSeq: number): MaybePromise<void>
}

/** Finding stored documents by id (a board's drafts, server/drafts/draftIds.ts). */
export interface DocumentListing {
  /** The ids of the stored documents whose id starts with `prefix`. */
  listDocuments(prefix: string): MaybePromise<string[]>
}

export interface StoredAsset {
  id: string
  boardId: string
  mimeType: string
  data: Uint8Array
  createdAt: number
}

/** Uploaded files (images), each belonging to the board it was uploaded to. */
export interface AssetStore {
  putAsset(asset: StoredAsset): MaybePromise<void>
  /** The asset with this id if it belongs to this board. */
  getAsset(boardId: string, assetId: string): MaybePromise<StoredAsset | undefined>
}

/** A named ingestion token of a board; only a hash of the secret is stored. */
export interface StoredToken {
  id: string
  boardId: string
  name: string
  createdAt: number
  revokedAt: number | null
}

export interface TokenStore {
  createToken(token: StoredToken & { hash: string }): MaybePromise<void>
  listTokens(boardId: string): MaybePromise<StoredToken[]>
  revokeToken(boardId: string, tokenId: string, now: number): MaybePromise<boolean>
  findTokenByHash(hash: string): MaybePromise<StoredToken | undefined>
}

/** One hypothesis as the tracker index keeps it: enough to filter, sort and judge it. */
export interface HypothesisIndexRow {
  boardId: string
  canvasId: string
  title: string
  sentence: string
  status: string
  /** The hypothesis's metrics, as JSON. */
  metricsJson: string
  /** The latest measured value of each metric, as JSON `{ key: { value, at } }`. */
  latestJson: string
  timeboxStart: string | null
  timeboxEnd: string | null
  /** The decision record as JSON (rows indexed before it was kept: the decision alone). */
  decision: string | null
  updatedAt: number
  /**
   * The verdict while the time box runs and once it has ended (it changes with the time only
   * there), so the portfolio judges thousands of hypotheses without reading their metrics;
   * null in a row indexed before they were kept.
   */
  verdictOpen: string | null
  verdictEnded: string | null
  /** When the next check-in is due (ISO) while the hypothesis runs; null otherwise. */
  checkinDueAt?: string | null
}

/** What the portfolio reads of a hypothesis to judge it now. */
export interface HypothesisVerdictRow {
  boardId: string
  canvasId: string
  timeboxEnd: string | null
  verdictOpen: string | null
  verdictEnded: string | null
}

export interface HypothesisIndexQuery {
  boardIds?: string[]
  statuses?: string[]
  /** Only hypotheses that are (or are not) overdue at `at`: time box ended, not decided. */
  overdue?: { at: number; is: boolean }
  /** `due`: soonest time-box end first, none last; `updated`: last change first. Ties by id. */
  orderBy?: 'due' | 'updated'
  limit?: number
  /** Only these hypotheses (canvas ids), the portfolio's linked ones. */
  canvasIds?: string[]
}

/** The tracker's index, kept current as boards change, so no query loads a board. */
export interface HypothesisIndex {
  /** Replaces every row of a board with `rows` (an empty list removes them). */
  replaceBoardHypotheses(boardId: string, rows: HypothesisIndexRow[]): MaybePromise<void>
  queryHypotheses(
    query: HypothesisIndexQuery,
  ): MaybePromise<(HypothesisIndexRow & { boardTitle: string })[]>
  /** How many rows match, ignoring `orderBy` and `limit`. */
  countHypotheses(query: HypothesisIndexQuery): MaybePromise<number>
  /** The verdicts of every hypothesis of these live boards. */
  hypothesisVerdicts(boardIds: string[]): MaybePromise<HypothesisVerdictRow[]>
}

/** One project as the portfolio index keeps it. */
export interface ProjectIndexRow {
  boardId: string
  canvasId: string
  title: string
  owner: string
  stage: string
  /** `active`, `succeeded` or `stopped`. */
  status: string
  /** What the portfolio shows of it (shared/canvases/project/portfolio.ts), as JSON. */
  summaryJson: string
}

/** The portfolio's index, kept current as boards change, so no query loads a board. */
export interface ProjectIndex {
  /** Replaces every project row of a board with `rows` (an empty list removes them). */
  replaceBoardProjects(boardId: string, rows: ProjectIndexRow[]): MaybePromise<void>
  /** The projects of live boards (of `boardIds` when given), with their board's title. */
  queryProjects(query: {
    boardIds?: string[]
  }): MaybePromise<(ProjectIndexRow & { boardTitle: string })[]>
}

/** A saved version of a board, without its snapshot. */
export interface StoredVersion {
  boardId: string
  id: string
  /** What a person named it ("Before the workshop"); null for an automatic version. */
  name: string | null
  /** Epoch ms. */
  createdAt: number
  /** Who asked for a named version (their name); null for an automatic one. */
  createdBy: string | null
  /** The names of the people who took part since the version before. */
  participants: string[]
  /** The snapshot's size. */
  bytes: number
}

/** Versions of each board: a whole-document snapshot each, kept apart from its log. */
export interface VersionStore {
  putVersion(version: StoredVersion, snapshot: Uint8Array): MaybePromise<void>
  /** A board's versions, newest first. */
  listVersions(boardId: string): MaybePromise<StoredVersion[]>
  /** The snapshot of a version of this board (a Yjs update of the whole document). */
  getVersionSnapshot(boardId: string, versionId: string): MaybePromise<Uint8Array | undefined>
  /** Removes versions of a board (retention); how many there were. */
  deleteVersions(boardId: string, versionIds: readonly string[]): MaybePromise<number>
}

/** An outbound webhook of a board; the secret is kept to sign deliveries and never shown again. */
export interface StoredWebhook {
  id: string
  boardId: string
  url: string
  /** Event names, as JSON in the row. */
  events: string[]
  format: string
  secret: string
  createdAt: number
}

/** One event on its way to one webhook: queued in the store, so it survives a restart. */
export interface StoredDelivery {
  id: string
  boardId: string
  webhookId: string
  /** The event's id, the same for every webhook it goes to (the payload's `id`). */
  eventId: string
  event: string
  /** The JSON envelope `{ id, event, at, boardId, data }`. */
  payload: string
  status: 'pending' | 'sending' | 'delivered' | 'failed'
  attempts: number
  createdAt: number
  /** Retries stop after this. */
  expiresAt: number
  nextAttemptAt: number | null
  /** While `sending`: another instance may take it over after this (a crashed sender). */
  leaseUntil: number | null
  lastAttemptAt: number | null
  responseStatus: number | null
  error: string | null
}

/** The outcome of one attempt, written once it is known. */
export interface DeliveryOutcome {
  status: 'pending' | 'delivered' | 'failed'
  at: number
  nextAttemptAt: number | null
  responseStatus: number | null
  error: string | null
}

/** Webhooks of boards and the queue of their deliveries. */
export interface WebhookStore {
  createWebhook(webhook: StoredWebhook): MaybePromise<void>
  listWebhooks(boardId: string): MaybePromise<StoredWebhook[]>
  /** Deletes a webhook with its deliveries; false when the board has none with this id. */
  deleteWebhook(boardId: string, webhookId: string): MaybePromise<boolean>
  /**
   * Queues deliveries; one whose `(webhookId, eventId)` is queued already is skipped, so an
   * event noticed by several instances goes out once. Answers how many were queued.
   */
  enqueueDeliveries(deliveries: StoredDelivery[]): MaybePromise<number>
  /**
   * Takes up to `limit` deliveries that are due (pending and due by `now`, or sending with an
   * expired lease) for this sender: marked `sending` until `leaseUntil`, with the attempt
   * counted. No two callers ever take the same delivery.
   */
  claimDeliveries(
    now: number,
    leaseUntil: number,
    limit: number,
  ): MaybePromise<(StoredDelivery & { webhook: StoredWebhook })[]>
  /** Records an attempt's outcome of a delivery this sender holds. */
  finishDelivery(deliveryId: string, outcome: DeliveryOutcome): MaybePromise<void>
  /** The newest deliveries of a webhook, newest first. */
  listDeliveries(boardId: string, webhookId: string, limit: number): MaybePromise<StoredDelivery[]>
  /** Queues a delivery again now (not while it is being sent); false if there is none. */
  resendDelivery(
    boardId: string,
    webhookId: string,
    deliveryId: string,
    now: number,
    expiresAt: number,
  ): MaybePromise<boolean>
  /** Forgets finished deliveries (delivered or given up) made before `before`; how many. */
  pruneDeliveries(before: number): MaybePromise<number>
}

/**
 * Where a metric of a hypothesis is pulled from, and how its polls went. The configuration is
 * JSON whose secret header values are already encrypted (server/sources/secretBox.ts).
 */
export interface StoredMetricSource {
  id: string
  boardId: string
  canvasId: string
  metricKey: string
  configJson: string
  createdAt: number
  updatedAt: number
  /** Epoch ms: when it is due. */
  nextPollAt: number
  lastPollAt: number | null
  lastError: string | null
  lastValue: number | null
  /** The source's own time of the last value. */
  lastValueAt: number | null
  /** While a poll is under way: until when its poller holds it. */
  leaseUntil: number | null
}

/** What a finished poll leaves on its source. */
export interface PollOutcome {
  at: number
  nextPollAt: number
  error: string | null
  /** The value read and its time; absent when the poll failed (the last ones are kept). */
  value?: { value: number; at: number }
}

/** The metric sources of every board, and the claims that keep two pollers off one source. */
export interface MetricSourceStore {
  /**
   * Connects a metric to a source, or changes it (the id stays, so what it recorded is still
   * known); the status starts over, due at `nextPollAt`.
   */
  putMetricSource(source: {
    id: string
    boardId: string
    canvasId: string
    metricKey: string
    configJson: string
    now: number
    nextPollAt: number
  }): MaybePromise<StoredMetricSource>
  getMetricSource(
    boardId: string,
    canvasId: string,
    metricKey: string,
  ): MaybePromise<StoredMetricSource | undefined>
  /** A board's sources, by hypothesis and metric. */
  listMetricSources(boardId: string): MaybePromise<StoredMetricSource[]>
  deleteMetricSource(boardId: string, canvasId: string, metricKey: string): MaybePromise<boolean>
  /**
   * Takes up to `limit` sources of live boards that are due at `now` and that no poller holds,
   * holding each until `leaseUntil`, atomically: another instance claiming at once gets others.
   */
  claimDueMetricSources(
    now: number,
    leaseUntil: number,
    limit: number,
  ): MaybePromise<StoredMetricSource[]>
  /** Takes one source now (a poll asked for), unless a poller holds it. */
  claimMetricSource(
    id: string,
    now: number,
    leaseUntil: number,
  ): MaybePromise<StoredMetricSource | undefined>
  /** Records how a poll went and lets the source go. */
  finishMetricSourcePoll(id: string, outcome: PollOutcome): MaybePromise<void>
}

/** Everything the server persists. */
export interface Persistence
  extends
    BoardRepository,
    DocumentStore,
    DocumentListing,
    AssetStore,
    TokenStore,
    HypothesisIndex,
    ProjectIndex,
    BoardKeyStore,
    WorkshopStore,
    VersionStore,
    WebhookStore,
    MetricSourceStore {
  /**
   * A write of `bytes` bytes (kept in one row, replaced each time) that tells whether the store
   * accepts writes of that size again (health checks, after a refused write).
   */
  probeWrite(now: number, bytes?: number): MaybePromise<void>
  /** A cheap round trip that throws while the store cannot be reached (health checks). */
  ping(): MaybePromise<void>
  close(): MaybePromise<void>
}
