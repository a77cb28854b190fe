import type { StoredDelivery, StoredWebhook } from './types.js'

/** A webhook as both stores keep it. */
export interface WebhookRow {
  id: string
  board_id: string
  url: string
  events_json: string
  format: string
  secret: string
  created_at: number | string
}

/** A delivery as both stores keep it. */
export interface DeliveryRow {
  id: string
  board_id: string
  webhook_id: string
  event_id: string
  event: string
  payload: string
  status: string
  attempts: number
  created_at: number | string
  expires_at: number | string
  next_attempt_at: number | string | null
  lease_until: number | string | null
  last_attempt_at: number | string | null
  response_status: number | null
  error: string | null
}

export const WebhookColumns = 'id, board_id, url, events_json, format, secret, created_at'
export const DeliveryColumns =
  'id, board_id, webhook_id, event_id, event, payload, status, attempts, created_at, expires_at, ' +
  'next_attempt_at, lease_until, last_attempt_at, response_status, error'

const num = (v: number | string | null) => (v === null ? null : Number(v))

export const toWebhook = (row: WebhookRow): StoredWebhook => ({
  id: row.id,
  boardId: row.board_id,
  url: row.url,
  events: JSON.parse(row.events_json) as string[],
  format: row.format,
  secret: row.secret,
  createdAt: Number(row.created_at),
})

export const toDelivery = (row: DeliveryRow): StoredDelivery => ({
  id: row.id,
  boardId: row.board_id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  event: row.event,
  payload: row.payload,
  status: row.status as StoredDelivery['status'],
  attempts: Number(row.attempts),
  createdAt: Number(row.created_at),
  expiresAt: Number(row.expires_at),
  nextAttemptAt: num(row.next_attempt_at),
  leaseUntil: num(row.lease_until),
  lastAttemptAt: num(row.last_attempt_at),
  responseStatus: row.response_status === null ? null : Number(row.response_status),
  error: row.error,
})

/** A delivery's values in DeliveryColumns order. */
export const deliveryValues = (d: StoredDelivery) => [
  d.id,
  d.boardId,
  d.webhookId,
  d.eventId,
  d.event,
  d.payload,
  d.status,
  d.attempts,
  d.createdAt,
  d.expiresAt,
  d.nextAttemptAt,
  d.leaseUntil,
  d.lastAttemptAt,
  d.responseStatus,
  d.error,
]
