import type Database from 'better-sqlite3'
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

const deliveryParams = DeliveryColumns.split(',')
  .map(() => '?')
  .join(', ')

/**
 * Webhooks and their delivery queue in the board's SQLite file. One process owns the file, so a
 * claim (one UPDATE … RETURNING) is atomic without more.
 */
export function createSqliteWebhookStore(db: Database.Database): WebhookStore {
  const stmt = {
    create: db.prepare(`INSERT INTO webhooks (${WebhookColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    list: db.prepare<[string], WebhookRow>(
      `SELECT ${WebhookColumns} FROM webhooks WHERE board_id = ? ORDER BY created_at, rowid`,
    ),
    remove: db.prepare('DELETE FROM webhooks WHERE board_id = ? AND id = ?'),
    removeDeliveries: db.prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ?'),
    enqueue: db.prepare(
      `INSERT INTO webhook_deliveries (${DeliveryColumns}) VALUES (${deliveryParams})
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
    ),
    claim: db.prepare<[number, number, number, number], DeliveryRow>(
      `UPDATE webhook_deliveries SET status = 'sending', lease_until = ?, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM webhook_deliveries
         WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
         ORDER BY next_attempt_at LIMIT ?)
       RETURNING ${DeliveryColumns}`,
    ),
    webhook: db.prepare<[string], WebhookRow>(
      `SELECT ${WebhookColumns} FROM webhooks WHERE id = ?`,
    ),
    finish: db.prepare(
      `UPDATE webhook_deliveries SET status = ?, last_attempt_at = ?, next_attempt_at = ?,
         response_status = ?, error = ?, lease_until = NULL
       WHERE id = ? AND status = 'sending'`,
    ),
    log: db.prepare<[string, string, number], DeliveryRow>(
      `SELECT ${DeliveryColumns} FROM webhook_deliveries WHERE board_id = ? AND webhook_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    resend: db.prepare(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, expires_at = ?,
         lease_until = NULL
       WHERE board_id = ? AND webhook_id = ? AND id = ? AND status <> 'sending'`,
    ),
    prune: db.prepare(
      `DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < ?`,
    ),
  }
  const removeWebhook = db.transaction((boardId: string, webhookId: string) => {
    const removed = stmt.remove.run(boardId, webhookId).changes > 0
    if (removed) stmt.removeDeliveries.run(webhookId)
    return removed
  })
  const enqueue = db.transaction((rows: Parameters<WebhookStore['enqueueDeliveries']>[0]) =>
    rows.reduce((n, d) => n + stmt.enqueue.run(...deliveryValues(d)).changes, 0),
  )
  return {
    createWebhook(w) {
      stmt.create.run(
        w.id,
        w.boardId,
        w.url,
        JSON.stringify(w.events),
        w.format,
        w.secret,
        w.createdAt,
      )
    },
    listWebhooks: (boardId) => stmt.list.all(boardId).map(toWebhook),
    deleteWebhook: (boardId, webhookId) => removeWebhook(boardId, webhookId),
    enqueueDeliveries: (rows) => enqueue(rows),
    claimDeliveries(now, leaseUntil, limit) {
      const claimed = stmt.claim.all(leaseUntil, now, now, limit).map(toDelivery)
      return claimed.flatMap((d) => {
        const webhook = stmt.webhook.get(d.webhookId)
        return webhook ? [{ ...d, webhook: toWebhook(webhook) }] : []
      })
    },
    finishDelivery(id, o) {
      stmt.finish.run(o.status, o.at, o.nextAttemptAt, o.responseStatus, o.error, id)
    },
    listDeliveries: (boardId, webhookId, limit) =>
      stmt.log.all(boardId, webhookId, limit).map(toDelivery),
    resendDelivery: (boardId, webhookId, deliveryId, now, expiresAt) =>
      stmt.resend.run(now, expiresAt, boardId, webhookId, deliveryId).changes > 0,
    pruneDeliveries: (before) => stmt.prune.run(before).changes,
  }
}
