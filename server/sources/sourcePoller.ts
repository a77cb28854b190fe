import { ApiError } from '../http/errors.js'
import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import type { MetricSourceStore, PollOutcome, StoredMetricSource } from '../persistence/types.js'
import type { PullsConfig } from './pullsConfig.js'
import { DefaultPullLimits, PullError, type PullLimits } from './pullRequest.js'
import { readSource, type Reading } from './readSource.js'
import { parseStoredConfig, type StoredConfig } from './sourceConfig.js'
import type { SecretBox } from './secretBox.js'

/** A poller holds a source this long; longer than any poll takes, so it never polls twice. */
const LeaseMs = 2 * 60 * 1000
/** Sources claimed per look, polled at once. */
const BatchSize = 20

/**
 * Records a reading as a measurement of the source's metric; whether it was new (false: a
 * reading recorded before). Throws an error whose message says why it cannot be recorded.
 */
export type RecordReading = (
  source: StoredMetricSource,
  config: StoredConfig,
  reading: Reading,
) => Promise<boolean>

/** What one poll did. */
export interface PollDone {
  recorded: boolean
  error: string | null
  source: StoredMetricSource
}

export interface SourcePoller {
  readonly secrets: SecretBox
  /** Polls one source now; undefined when a poll of it is under way elsewhere. */
  pollNow(source: StoredMetricSource): Promise<PollDone | undefined>
  /** Starts looking for due sources every tick. */
  start(): void
  /** Stops looking and waits for the polls under way. */
  close(): Promise<void>
}

/** Errors whose message is meant for the people reading the canvas. */
const isSayable = (error: unknown): error is Error =>
  error instanceof PullError || error instanceof ApiError

/**
 * The poller of one server instance: it claims due sources from the store (so instances never
 * poll one source at once), reads each, records the reading, and notes how it went. A failed
 * poll records nothing and keeps its error; the next poll is always scheduled.
 */
export function createSourcePoller(deps: {
  store: MetricSourceStore
  secrets: SecretBox
  config: PullsConfig
  record: RecordReading
  now: () => number
  log: Logger
  limits?: Partial<PullLimits>
}): SourcePoller {
  const { store, secrets, log, now } = deps
  const limits: PullLimits = {
    ...DefaultPullLimits,
    allowPrivateNetwork: deps.config.allowPrivateNetwork,
    ...deps.limits,
  }
  let timer: ReturnType<typeof setInterval> | undefined
  let closed = false
  let looking: Promise<void> | undefined
  const underWay = new Set<Promise<unknown>>()

  const poll = async (source: StoredMetricSource): Promise<PollDone> => {
    const at = now()
    let config: StoredConfig | undefined
    let outcome: PollOutcome
    let recorded = false
    try {
      config = parseStoredConfig(source.configJson)
      const reading = await readSource(config, secrets, limits, at)
      recorded = await deps.record(source, config, reading)
      outcome = { at, nextPollAt: 0, error: null, value: reading }
    } catch (error) {
      if (!isSayable(error) && !(error instanceof StorageUnavailableError)) {
        log.error('sources.poll_failed', { sourceId: source.id, error: String(error) })
      }
      const message = isSayable(error)
        ? error.message
        : error instanceof StorageUnavailableError
          ? 'The server could not save the reading; it tries again at the next poll'
          : 'Something went wrong on the server'
      outcome = { at, nextPollAt: 0, error: message }
    }
    const every = config?.everyMinutes ?? 60
    outcome.nextPollAt = at + every * 60_000
    await store.finishMetricSourcePoll(source.id, outcome)
    return {
      recorded,
      error: outcome.error,
      source: {
        ...source,
        lastPollAt: outcome.at,
        nextPollAt: outcome.nextPollAt,
        lastError: outcome.error,
        lastValue: outcome.value?.value ?? source.lastValue,
        lastValueAt: outcome.value?.at ?? source.lastValueAt,
        leaseUntil: null,
      },
    }
  }
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    underWay.add(work)
    void work.finally(() => underWay.delete(work)).catch(() => {})
    return work
  }

  const lookForDue = async () => {
    const at = now()
    const due = await store.claimDueMetricSources(at, at + LeaseMs, BatchSize)
    // At once: each poll ends within its time limit, so the whole batch ends well within the
    // lease, and no other instance takes a source this one still holds.
    await Promise.all(
      due.map((source) =>
        poll(source).catch((error: unknown) =>
          log.warn('sources.poll_not_saved', { sourceId: source.id, error: String(error) }),
        ),
      ),
    )
  }
  const tick = () => {
    if (closed || looking) return
    looking = tracked(
      lookForDue()
        .catch((error: unknown) => log.warn('sources.claim_failed', { error: String(error) }))
        .finally(() => (looking = undefined)),
    )
  }

  return {
    secrets,
    async pollNow(source) {
      const at = now()
      const claimed = await store.claimMetricSource(source.id, at, at + LeaseMs)
      return claimed ? tracked(poll(claimed)) : undefined
    },
    start() {
      if (timer || closed) return
      timer = setInterval(tick, deps.config.tickMs)
      timer.unref()
      tick()
    },
    async close() {
      closed = true
      clearInterval(timer)
      await Promise.allSettled([...underWay])
    },
  }
}
