import type { MaybePromise } from './types.js'

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

/** The columns of `metric_sources`, as both stores read them. */
export interface MetricSourceRow {
  id: string
  board_id: string
  canvas_id: string
  metric_key: string
  config_json: string
  created_at: number
  updated_at: number
  next_poll_at: number
  last_poll_at: number | null
  last_error: string | null
  last_value: number | null
  last_value_at: number | null
  lease_until: number | null
}

export const toMetricSource = (r: MetricSourceRow): StoredMetricSource => ({
  id: r.id,
  boardId: r.board_id,
  canvasId: r.canvas_id,
  metricKey: r.metric_key,
  configJson: r.config_json,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  nextPollAt: r.next_poll_at,
  lastPollAt: r.last_poll_at,
  lastError: r.last_error,
  lastValue: r.last_value,
  lastValueAt: r.last_value_at,
  leaseUntil: r.lease_until,
})
