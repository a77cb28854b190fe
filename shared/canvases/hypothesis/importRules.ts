import { ContentInputError } from '../types.js'
import type { HypothesisContent } from './content.js'
import { futureRefusal } from './measurementInput.js'
import type { Metric } from './metric.js'
import { amendmentsFor, criteriaLocked, type HypothesisTracking } from './tracking.js'

/** Who the history says restored what an import brought in. */
export const ImportAuthor = 'import'

const day = (iso: string) => iso.slice(0, 10)

/**
 * What an import may write of a hypothesis as of `now`. A measurement dated in the future is
 * refused (the whole import is). An import cannot back-date a time box or rewrite locked
 * criteria: a time box that started before the import is restored as recorded, with a history
 * note saying so, and locked criteria that differ from the last amendment recorded for them
 * gain an amendment by the import that shows the difference. `notes` says what was restored.
 */
export function restoreImported(
  content: HypothesisContent,
  tracking: HypothesisTracking,
  now: number,
  newId: () => string,
): { tracking: HypothesisTracking; notes: string[] } {
  const name = `"${content.title.trim() || 'Untitled hypothesis'}"`
  for (const m of tracking.measurements) {
    const refusal = futureRefusal(m.at, now)
    if (refusal) {
      throw new ContentInputError(`${name}: measurement "${m.id}" of ${m.metric}: at ${refusal}`)
    }
  }
  const at = new Date(now).toISOString()
  const notes: string[] = []
  const history = [...tracking.history]
  const amendments = [...tracking.amendments]
  const { start, end } = tracking.timebox
  if (start !== null && Date.parse(start) < now) {
    const note = `Time box restored from an import as it was recorded (started ${day(start)}${end ? `, ends ${day(end)}` : ''}); the import did not start it`
    history.push({ id: newId(), at, by: ImportAuthor, note })
    notes.push(`${name}: ${note}`)
  }
  if (criteriaLocked(tracking.status)) {
    // The criteria as the record last left them: each amended metric's latest `after`.
    const recorded = new Map<string, Metric | null>()
    for (const a of tracking.amendments) recorded.set(a.metric, a.after)
    const metrics = content.metrics ?? []
    const before = [...recorded.values()].filter((m): m is Metric => m !== null)
    const after = metrics.filter((m) => recorded.has(m.key))
    const reason =
      'The imported file states this locked criterion differently from its last recorded amendment; kept as history'
    const unrecorded = amendmentsFor(before, after, { at, by: ImportAuthor, reason, newId })
    amendments.push(...unrecorded)
    if (unrecorded.length > 0) {
      notes.push(
        `${name}: locked criteria ${unrecorded.map((a) => a.metric).join(', ')} differ from the recorded amendments; the difference is kept as an amendment by the import`,
      )
    }
  }
  return { tracking: { ...tracking, history, amendments }, notes }
}
