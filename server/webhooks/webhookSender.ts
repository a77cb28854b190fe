import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import {
  WebhookPayloadSchema,
  WebhookSignatureHeader,
  type WebhookFormat,
} from '../../shared/api/webhooks.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import type {
  DeliveryOutcome,
  StoredDelivery,
  StoredWebhook,
  WebhookStore,
} from '../persistence/types.js'
import {
  AddressRefusedError,
  resolveWebhookHost,
  type ResolvedAddress,
} from '../http/addressPolicy.js'
import { signWebhookBody } from './signature.js'
import { slackText } from './slackText.js'

/** How webhooks are sent: from the environment (server/config.ts). */
export type WebhookSettings = Config['webhooks']

/** An attempt's result: the endpoint's HTTP status, or why there is none. */
type Attempt = { status: number } | { error: string; final: boolean }

/** What an answer body may be before the rest is left unread. */
const MaxAnswerBytes = 64 * 1024

/** The body sent to a webhook in its format, from the stored envelope. */
export function webhookBody(payload: string, format: WebhookFormat | string): string {
  if (format !== 'slack') return payload
  return JSON.stringify({ text: slackText(WebhookPayloadSchema.parse(JSON.parse(payload))) })
}

/** Posts `body` to `url`, connecting only to `target` (the address that was checked). */
function post(
  url: URL,
  target: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Attempt> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      ;(callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [target])
    } else callback(null, target.address, target.family)
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        timeout: timeoutMs,
        agent: false,
      },
      (response) => {
        let read = 0
        response.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > MaxAnswerBytes) response.destroy()
        })
        response.on('close', () => resolve({ status: response.statusCode ?? 0 }))
        response.on('error', () => resolve({ status: response.statusCode ?? 0 }))
      },
    )
    // The whole attempt is bounded, not only the time between packets.
    const timer = setTimeout(() => request.destroy(new Error('timeout')), timeoutMs)
    request.on('close', () => clearTimeout(timer))
    request.on('timeout', () => request.destroy(new Error('timeout')))
    request.on('error', (error) => {
      clearTimeout(timer)
      const message =
        error.message === 'timeout' ? `no answer within ${timeoutMs} ms` : error.message
      resolve({ error: message, final: false })
    })
    request.end(body)
  })
}

/**
 * Sends what the delivery queue holds, for one server instance: it claims due deliveries from
 * the store (so two instances never send one delivery), sends at most `concurrency` at once,
 * each bounded by a timeout, and records each outcome with the next attempt (backing off) or
 * gives up once the day is over. Owned by the server; `close()` waits for attempts in flight.
 */
export function createWebhookSender(deps: {
  store: WebhookStore
  settings: WebhookSettings
  now: () => number
  log: Logger
  /**
   * True while the store refuses writes: nothing is claimed then, so the queue neither adds to
   * the failures nor, with a small write that happens to succeed, ends the episode before the
   * store takes the writes it refused.
   */
  storeFailing?: () => boolean
}) {
  const { settings, log } = deps
  const inFlight = new Set<Promise<void>>()
  const retryTimers = new Set<NodeJS.Timeout>()
  let pumping: Promise<void> | null = null
  let again = false
  let closed = false

  const outcomeOf = (delivery: StoredDelivery, attempt: Attempt, at: number): DeliveryOutcome => {
    const status = 'status' in attempt ? attempt.status : null
    if (status !== null && status >= 200 && status < 300) {
      return { status: 'delivered', at, nextAttemptAt: null, responseStatus: status, error: null }
    }
    const error = 'error' in attempt ? attempt.error : `answered ${status}`
    const delays = settings.retryDelaysMs
    const delay = delays[Math.min(delivery.attempts - 1, delays.length - 1)] ?? 60_000
    const next = at + delay
    const final = ('final' in attempt && attempt.final) || next > delivery.expiresAt
    return {
      status: final ? 'failed' : 'pending',
      at,
      nextAttemptAt: final ? null : next,
      responseStatus: status,
      error,
    }
  }

  const attempt = async (delivery: StoredDelivery, webhook: StoredWebhook): Promise<Attempt> => {
    let url: URL
    try {
      url = new URL(webhook.url)
    } catch {
      return { error: 'the webhook URL is not valid', final: true }
    }
    let target: ResolvedAddress
    try {
      target = await resolveWebhookHost(url.hostname, settings.allowPrivateNetwork)
    } catch (error) {
      return { error: (error as Error).message, final: error instanceof AddressRefusedError }
    }
    let body: string
    try {
      body = webhookBody(delivery.payload, webhook.format)
    } catch {
      return { error: 'the stored event could not be read', final: true }
    }
    const signature = signWebhookBody(webhook.secret, body, Math.floor(deps.now() / 1000))
    return post(
      url,
      target,
      {
        'content-type': 'application/json',
        'user-agent': 'DiscoveryBoard-Webhooks/1',
        [WebhookSignatureHeader.toLowerCase()]: signature,
        'x-discovery-event': delivery.event,
        'x-discovery-delivery': delivery.eventId,
      },
      body,
      settings.timeoutMs,
    )
  }

  const later = (at: number) => {
    const timer = setTimeout(
      () => {
        retryTimers.delete(timer)
        pump()
      },
      Math.max(0, at - deps.now()),
    )
    timer.unref()
    retryTimers.add(timer)
  }

  const send = async (delivery: StoredDelivery & { webhook: StoredWebhook }) => {
    const result = await attempt(delivery, delivery.webhook)
    const outcome = outcomeOf(delivery, result, deps.now())
    try {
      await deps.store.finishDelivery(delivery.id, outcome)
    } catch (error) {
      // The lease runs out and the delivery is taken again: sent twice rather than never.
      if (!(error instanceof StorageUnavailableError)) {
        log.error('webhook.finish_failed', { deliveryId: delivery.id, error: String(error) })
      }
      return
    }
    if (outcome.status === 'pending' && outcome.nextAttemptAt !== null && !closed) {
      later(outcome.nextAttemptAt)
    }
    if (outcome.status === 'failed') {
      log.warn('webhook.gave_up', {
        boardId: delivery.boardId,
        webhookId: delivery.webhookId,
        deliveryId: delivery.id,
        error: outcome.error,
      })
    }
  }

  const start = (delivery: StoredDelivery & { webhook: StoredWebhook }) => {
    const running: Promise<void> = send(delivery)
      .catch((error: unknown) => {
        log.error('webhook.send_failed', { deliveryId: delivery.id, error: String(error) })
      })
      .finally(() => {
        inFlight.delete(running)
        pump()
      })
    inFlight.add(running)
  }

  /** Claims and starts what is due, as long as there is room; never two claims at once. */
  function pump() {
    if (closed || deps.storeFailing?.()) return
    if (pumping) {
      again = true
      return
    }
    // Run from a microtask: `pumping` is set before the run can finish and clear it.
    pumping = Promise.resolve().then(async () => {
      try {
        do {
          again = false
          const free = settings.concurrency - inFlight.size
          if (free <= 0) break
          const now = deps.now()
          // A sender that dies mid-attempt leaves its claim; after the lease another takes it.
          const lease = now + settings.timeoutMs * 2 + 5_000
          const claimed = await deps.store.claimDeliveries(now, lease, free)
          for (const delivery of claimed) start(delivery)
          if (claimed.length === free) again = true
        } while (again && !closed)
      } catch (error) {
        if (!(error instanceof StorageUnavailableError)) {
          log.error('webhook.claim_failed', { error: String(error) })
        }
      } finally {
        pumping = null
      }
    })
  }

  const poll = setInterval(pump, settings.pollMs)
  poll.unref()
  pump()

  return {
    /** Looks at the queue now (an event was just queued). */
    wake: pump,
    /** Stops claiming and waits for the attempts in flight to be recorded. */
    async close() {
      closed = true
      clearInterval(poll)
      for (const timer of retryTimers) clearTimeout(timer)
      retryTimers.clear()
      // What a claim under way takes is still sent, and recorded, before the store closes.
      await pumping
      await Promise.all(inFlight)
    },
  }
}

export type WebhookSender = ReturnType<typeof createWebhookSender>
