import type { Logger } from '../logger.js'
import type { HypothesisIndex } from '../persistence/types.js'
import { runPeriodically } from './periodicCheck.js'
import type { WebhookEvents } from './webhookEvents.js'

/**
 * Looks through the tracker index every `everyMs` for hypotheses whose time box ended without
 * a decision, and queues `hypothesis.overdue` for each once (its key is the hypothesis and the
 * end of its time box, so every instance may look: each is queued once). Only those that
 * ended within `withinMs` are announced, and only to webhooks that existed when they ended.
 */
export function watchOverdueHypotheses(deps: {
  index: HypothesisIndex
  events: WebhookEvents
  now: () => number
  log: Logger
  everyMs: number
  withinMs: number
}) {
  return runPeriodically(
    async () => {
      const now = deps.now()
      const rows = await deps.index.queryHypotheses({ overdue: { at: now, is: true } })
      for (const row of rows) {
        const end = row.timeboxEnd === null ? NaN : Date.parse(row.timeboxEnd)
        if (!(end > now - deps.withinMs)) continue
        await deps.events.emit(
          row.boardId,
          'hypothesis.overdue',
          {
            hypothesis: { id: row.canvasId, title: row.title },
            status: row.status,
            timeboxStart: row.timeboxStart,
            timeboxEnd: row.timeboxEnd,
          },
          { key: `${row.canvasId}:${row.timeboxEnd}`, at: end },
        )
      }
    },
    { everyMs: deps.everyMs, log: deps.log, failureEvent: 'webhook.overdue_check_failed' },
  )
}
