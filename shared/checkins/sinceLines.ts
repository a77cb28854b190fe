import type { Metric } from '../canvases/hypothesis/metric.js'
import type { Measurement } from '../canvases/hypothesis/tracking.js'
import { stageLabel, stageDefinition, type Stage } from '../canvases/project/stages.js'
import { linkKey, type ProjectTracking } from '../canvases/project/tracking.js'
import type { Checkin } from './checkin.js'

const after = (at: string, since: string | null) =>
  since === null || Date.parse(at) > Date.parse(since)
const day = (iso: string) => iso.slice(0, 10)

/**
 * What a hypothesis measured since the last check-in (`since`, null for the first), one line per
 * metric: how many values, and the latest with its date. Baseline readings are left out.
 */
export function hypothesisSinceLines(
  metrics: readonly Metric[],
  measurements: readonly Measurement[],
  since: string | null,
): string[] {
  const recent = measurements.filter((m) => !m.baseline && after(m.recordedAt, since))
  const keys = [...new Set([...metrics.map((m) => m.key), ...recent.map((m) => m.metric)])]
  return keys.flatMap((key) => {
    const values = recent.filter((m) => m.metric === key)
    if (values.length === 0) return []
    const latest = values.reduce((a, b) => (Date.parse(b.at) >= Date.parse(a.at) ? b : a))
    const metric = metrics.find((m) => m.key === key)
    const name = metric?.name || key
    const unit = metric?.unit ? ` ${metric.unit}` : ''
    const count = values.length === 1 ? '1 measurement' : `${values.length} measurements`
    return [`${name}: ${count}, latest ${latest.value}${unit} on ${day(latest.at)}`]
  })
}

const gateText = (id: string) => {
  const [stage, key] = id.split('/') as [Stage, string]
  const question = stageDefinition(stage)?.gates.find((g) => g.key === key)
  return question ? `${stageLabel(stage)}: ${question.text}` : id
}

/**
 * What happened to a project since the last check-in: its stage moves, the gate questions
 * answered and the hypotheses linked (compared with the links the last check-in kept).
 */
export function projectSinceLines(tracking: ProjectTracking, last: Checkin | null): string[] {
  const since = last?.at ?? null
  const moves = tracking.moves
    .filter((m) => after(m.at, since))
    .map((m) => `Moved from ${stageLabel(m.from)} to ${stageLabel(m.to)} on ${day(m.at)}: ${m.why}`)
  const gates = Object.entries(tracking.gates)
    .filter(([, g]) => after(g.at, since))
    .sort(([, a], [, b]) => Date.parse(a.at) - Date.parse(b.at))
    .map(([id, g]) => `Answered ${g.answer} to “${gateText(id)}” on ${day(g.at)}`)
  const before = new Set(last?.linked ?? [])
  const links = tracking.links
    .map(linkKey)
    .filter((key) => !before.has(key))
    .map((key) => `Linked hypothesis ${key}`)
  const ended =
    tracking.end && after(tracking.end.at, since)
      ? [`Ended as ${tracking.end.outcome} on ${day(tracking.end.at)}: ${tracking.end.why}`]
      : []
  return [...moves, ...gates, ...links, ...ended]
}
