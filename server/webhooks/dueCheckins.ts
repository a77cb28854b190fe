import { standingOfDue } from '../../shared/checkins/checkin.js'
import type { Logger } from '../logger.js'
import type { HypothesisIndex, ProjectIndex } from '../persistence/types.js'
import { readPortfolioSummary } from '../../shared/canvases/project/portfolio.js'
import { runPeriodically } from './periodicCheck.js'
import type { WebhookEvents } from './webhookEvents.js'

/**
 * Looks through the tracker and portfolio indexes every `everyMs` for running hypotheses and
 * active projects whose check-in fell due, and queues `checkin.due` for each once per due date
 * (keyed by the canvas and the due time, so every instance may look: each is queued once). A
 * check-in is due from the start of its day; only those due within `withinMs` are announced.
 */
export function watchDueCheckins(deps: {
  index: HypothesisIndex & Pick<ProjectIndex, 'queryProjects'>
  events: WebhookEvents
  now: () => number
  log: Logger
  everyMs: number
  withinMs: number
}) {
  return runPeriodically(
    async () => {
      const now = deps.now()
      const rows = await deps.index.queryHypotheses({ statuses: ['running'] })
      for (const row of rows) {
        const dueAt = row.checkinDueAt
        if (!dueAt || standingOfDue(dueAt, now).state === 'upcoming') continue
        if (!(Date.parse(dueAt) > now - deps.withinMs)) continue
        await deps.events.checkinDue(row.boardId, {
          id: row.canvasId,
          dueAt,
          hypothesis: { id: row.canvasId, title: row.title },
        })
      }
      for (const row of await deps.index.queryProjects({})) {
        if (row.status !== 'active') continue
        const dueAt = parsedSummary(row.summaryJson)?.checkinDueAt
        if (!dueAt || standingOfDue(dueAt, now).state === 'upcoming') continue
        if (!(Date.parse(dueAt) > now - deps.withinMs)) continue
        await deps.events.checkinDue(row.boardId, {
          id: row.canvasId,
          dueAt,
          project: { id: row.canvasId, title: row.title },
        })
      }
    },
    { everyMs: deps.everyMs, log: deps.log, failureEvent: 'webhook.checkin_check_failed' },
  )
}

/** A project's index summary, or undefined when it does not read as one. */
function parsedSummary(json: string) {
  try {
    return readPortfolioSummary(JSON.parse(json))
  } catch {
    return undefined
  }
}
