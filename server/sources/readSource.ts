import { readJsonPath, readNumber, readTime } from '../../shared/sources/jsonPath.js'
import { getJson, PullError, type PullLimits } from './pullRequest.js'
import { openHeaders, type StoredConfig } from './sourceConfig.js'
import type { SecretBox } from './secretBox.js'

/** One reading of a source: its value and the time the source gives it (epoch ms). */
export interface Reading {
  value: number
  at: number
}

/** The value and time of one Prometheus sample, `[<unix seconds>, "<value>"]`. */
function prometheusSample(sample: unknown): Reading {
  if (!Array.isArray(sample) || sample.length !== 2) {
    throw new PullError('Prometheus answered a sample that is not [time, value]')
  }
  const value = readNumber(sample[1])
  const at = readTime(sample[0])
  if (value === null) throw new PullError(`The query's value is not a number: ${String(sample[1])}`)
  if (at === null) throw new PullError('Prometheus answered a sample without a time')
  return { value, at }
}

/**
 * Runs an instant query: a vector's first sample, or a scalar. It is evaluated at the start of
 * the current poll interval, so every poll within one interval (a scheduled one, "Poll now",
 * another instance) reads the same time and records one measurement.
 */
async function readPrometheus(
  config: Extract<StoredConfig, { kind: 'prometheus' }>,
  limits: PullLimits,
  now: number,
): Promise<Reading> {
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`
  const url = new URL('api/v1/query', base)
  const interval = config.everyMinutes * 60_000
  url.searchParams.set('query', config.query)
  url.searchParams.set('time', String(Math.floor(now / interval) * (interval / 1000)))
  const answer = (await getJson(url.toString(), {}, limits)) as {
    status?: unknown
    error?: unknown
    data?: { resultType?: unknown; result?: unknown }
  } | null
  if (answer?.status !== 'success' || !answer.data) {
    const said = typeof answer?.error === 'string' ? `: ${answer.error}` : ''
    throw new PullError(`Prometheus did not answer with a query result${said}`)
  }
  const { resultType, result } = answer.data
  if (resultType === 'scalar') return prometheusSample(result)
  if (resultType === 'vector') {
    if (!Array.isArray(result) || result.length === 0) {
      throw new PullError('The query returned no series')
    }
    return prometheusSample((result[0] as { value?: unknown }).value)
  }
  throw new PullError(
    `The query returned a ${String(resultType)}; use a query that returns an instant vector or a scalar`,
  )
}

/** Reads the value (and its time, when a path names it) from a JSON answer. */
async function readJson(
  config: Extract<StoredConfig, { kind: 'json' }>,
  secrets: SecretBox,
  limits: PullLimits,
  now: number,
): Promise<Reading> {
  const json = await getJson(config.url, openHeaders(config, secrets), limits)
  const found = readJsonPath(json, config.valuePath)
  if (!found.found) throw new PullError(`No value at ${config.valuePath}: ${found.message}`)
  const value = readNumber(found.value)
  if (value === null) {
    throw new PullError(
      `The value at ${config.valuePath} is not a number: ${JSON.stringify(found.value)?.slice(0, 80)}`,
    )
  }
  if (!config.timePath) return { value, at: now }
  const time = readJsonPath(json, config.timePath)
  if (!time.found) throw new PullError(`No time at ${config.timePath}: ${time.message}`)
  const at = readTime(time.value)
  if (at === null) {
    throw new PullError(
      `The time at ${config.timePath} is not epoch seconds, epoch milliseconds or an ISO date: ${JSON.stringify(time.value)?.slice(0, 80)}`,
    )
  }
  return { value, at }
}

/** Reads a source once; a PullError says why nothing could be read. */
export function readSource(
  config: StoredConfig,
  secrets: SecretBox,
  limits: PullLimits,
  now: number,
): Promise<Reading> {
  return config.kind === 'prometheus'
    ? readPrometheus(config, limits, now)
    : readJson(config, secrets, limits, now)
}
