import { createHash, randomBytes } from 'node:crypto'
import type { WebhookEvent } from '../../shared/api/webhooks.js'
import type { Logger } from '../logger.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import type { StoredDelivery, WebhookStore } from '../persistence/types.js'

/**
 * The event's id from what identifies it on its board (`decision:<canvas>:<time>`): the same on
 * every instance that notices it, so the queue keeps it once per webhook.
 */
const eventIdOf = (boardId: string, key: string) =>
  createHash('sha256').update(`${boardId}\n${key}`).digest('base64url').slice(0, 22)

export interface EmitOptions {
  /** What identifies this event on its board, so that it is queued once however often noticed. */
  key: string
  /** When it happened (epoch ms), if not now. Webhooks created after it do not get it. */
  at?: number
}

/**
 * Puts events in the delivery queue, one delivery per webhook of the board that wants the
 * event, after what they tell about is stored. Never throws: a failure to queue is logged and
 * the change that caused the event stands.
 */
export function createWebhookEvents(deps: {
  store: WebhookStore
  now: () => number
  log: Logger
  giveUpAfterMs: number
  /** Called once something was queued (the sender looks at the queue). */
  queued: () => void
}) {
  async function queue(
    boardId: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
    options: EmitOptions,
  ) {
    const now = deps.now()
    const at = options.at ?? now
    const webhooks = (await deps.store.listWebhooks(boardId)).filter(
      (w) => w.events.includes(event) && (options.at === undefined || w.createdAt <= at),
    )
    if (webhooks.length === 0) return 0
    const eventId = eventIdOf(boardId, `${event}:${options.key}`)
    const payload = JSON.stringify({
      id: eventId,
      event,
      at: new Date(at).toISOString(),
      boardId,
      data,
    })
    const deliveries: StoredDelivery[] = webhooks.map((w) => ({
      id: randomBytes(12).toString('base64url'),
      boardId,
      webhookId: w.id,
      eventId,
      event,
      payload,
      status: 'pending',
      attempts: 0,
      createdAt: now,
      expiresAt: now + deps.giveUpAfterMs,
      nextAttemptAt: now,
      leaseUntil: null,
      lastAttemptAt: null,
      responseStatus: null,
      error: null,
    }))
    const queued = await deps.store.enqueueDeliveries(deliveries)
    if (queued > 0) deps.queued()
    return queued
  }

  async function emit(
    boardId: string,
    event: WebhookEvent,
    data: Record<string, unknown>,
    options: EmitOptions,
  ): Promise<void> {
    try {
      await queue(boardId, event, data, options)
    } catch (error) {
      // The change stands; its event is lost, and said so.
      deps.log[error instanceof StorageUnavailableError ? 'warn' : 'error'](
        'webhook.queue_failed',
        {
          boardId,
          event,
          error: String(error),
        },
      )
    }
  }

  return {
    /** Queues an event for the board's webhooks that want it; resolves once it is queued. */
    emit,
    /**
     * A check-in of a running hypothesis fell due (`id` is the hypothesis's): queued once per
     * hypothesis and due time.
     */
    checkinDue: (
      boardId: string,
      checkin: {
        id: string
        dueAt: string
        /** What the check-in is on: a running hypothesis or an active project. */
        hypothesis?: { id: string; title: string }
        project?: { id: string; title: string }
      },
    ) =>
      emit(boardId, 'checkin.due', checkin, {
        key: `${checkin.id}:${checkin.dueAt}`,
        at: Date.parse(checkin.dueAt),
      }),
  }
}

export type WebhookEvents = ReturnType<typeof createWebhookEvents>
