import type { Pool } from 'pg'
import type { WebhookStore } from '../types.js'
import {
  DeliveryColumns,
  WebhookColumns,
  deliveryValues,
  toDelivery,
  toWebhook,
  type DeliveryRow,
  type WebhookRow,
} from '../webhookRows.js'
import { inTransaction, query } from './postgresPool.js'

const Width = DeliveryColumns.split(',').length

/**
 * Webhooks and their delivery queue in PostgreSQL. Several instances claim from one queue: the
 * claim skips rows another instance has locked and marks what it takes in the same statement,
 * so no delivery is taken twice.
 */
export function createPostgresWebhookStore(pool: Pool): WebhookStore {
  return {
    async createWebhook(w) {
      await query(
        pool,
        `INSERT INTO webhooks (${WebhookColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [w.id, w.boardId, w.url, JSON.stringify(w.events), w.format, w.secret, w.createdAt],
      )
    },
    async listWebhooks(boardId) {
      const { rows } = await query<WebhookRow>(
        pool,
        `SELECT ${WebhookColumns} FROM webhooks WHERE board_id = $1 ORDER BY created_at, id`,
        [boardId],
      )
      return rows.map(toWebhook)
    },
    deleteWebhook: (boardId, webhookId) =>
      inTransaction(pool, async (tx) => {
        const { rowCount } = await tx.query(
          'DELETE FROM webhooks WHERE board_id = $1 AND id = $2',
          [boardId, webhookId],
        )
        if (!rowCount) return false
        await tx.query('DELETE FROM webhook_deliveries WHERE webhook_id = $1', [webhookId])
        return true
      }),
    async enqueueDeliveries(deliveries) {
      if (deliveries.length === 0) return 0
      const values = deliveries.map(
        (_, i) =>
          `(${Array.from({ length: Width }, (_, j) => `$${i * Width + j + 1}`).join(', ')})`,
      )
      const { rowCount } = await query(
        pool,
        `INSERT INTO webhook_deliveries (${DeliveryColumns}) VALUES ${values.join(', ')}
         ON CONFLICT (webhook_id, event_id) DO NOTHING`,
        deliveries.flatMap(deliveryValues),
      )
      return rowCount ?? 0
    },
    async claimDeliveries(now, leaseUntil, limit) {
      if (limit <= 0) return []
      const { rows } = await query<DeliveryRow>(
        pool,
        `UPDATE webhook_deliveries SET status = 'sending', lease_until = $1, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM webhook_deliveries
           WHERE (status = 'pending' AND next_attempt_at <= $2)
              OR (status = 'sending' AND lease_until <= $2)
           ORDER BY next_attempt_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING ${DeliveryColumns}`,
        [leaseUntil, now, limit],
      )
      if (rows.length === 0) return []
      const claimed = rows.map(toDelivery)
      const { rows: hooks } = await query<WebhookRow>(
        pool,
        `SELECT ${WebhookColumns} FROM webhooks WHERE id = ANY($1)`,
        [[...new Set(claimed.map((d) => d.webhookId))]],
      )
      const byId = new Map(hooks.map((h) => [h.id, toWebhook(h)]))
      return claimed.flatMap((d) => {
        const webhook = byId.get(d.webhookId)
        return webhook ? [{ ...d, webhook }] : []
      })
    },
    async finishDelivery(id, o) {
      await query(
        pool,
        `UPDATE webhook_deliveries SET status = $1, last_attempt_at = $2, next_attempt_at = $3,
           response_status = $4, error = $5, lease_until = NULL
         WHERE id = $6 AND status = 'sending'`,
        [o.status, o.at, o.nextAttemptAt, o.responseStatus, o.error, id],
      )
    },
    async listDeliveries(boardId, webhookId, limit) {
      const { rows } = await query<DeliveryRow>(
        pool,
        `SELECT ${DeliveryColumns} FROM webhook_deliveries WHERE board_id = $1 AND webhook_id = $2
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [boardId, webhookId, limit],
      )
      return rows.map(toDelivery)
    },
    async resendDelivery(boardId, webhookId, deliveryId, now, expiresAt) {
      const { rowCount } = await query(
        pool,
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, expires_at = $2,
           lease_until = NULL
         WHERE board_id = $3 AND webhook_id = $4 AND id = $5 AND status <> 'sending'`,
        [now, expiresAt, boardId, webhookId, deliveryId],
      )
      return (rowCount ?? 0) > 0
    },
    async pruneDeliveries(before) {
      const { rowCount } = await query(
        pool,
        `DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < $1`,
        [before],
      )
      return rowCount ?? 0
    },
  }
}
