import { escapeInline } from '../../markdown/escape.js'
import { encodeMarkerJson, formatNumber, marker } from '../../markdown/format.js'
import { cell, row, separator } from '../../markdown/tables.js'
import type { HypothesisContent } from './content.js'
import {
  AmendmentColumns,
  AssumptionColumns,
  DecisionColumns,
  HistoryColumns,
  LessonColumns,
  MeasurementColumns,
  StatusLabels,
  SummaryColumns,
  measurementsDetailsClose,
  measurementsDetailsOpen,
} from './markdownFormat.js'
import { targetValue, type Metric } from './metric.js'
import { measurementSummaries } from './summary.js'
import type { HypothesisTracking } from './tracking.js'
import { standingVerdict } from './standing.js'

/**
 * The tracked parts of a hypothesis in the export (docs/markdown-format.md): status and time
 * box, lessons with their dates, amendments, a summary and the full list of measurements, and
 * the decision. The verdict is written as of `now` and computed again on every export.
 */

/** Status, time box, verdict and links, right after the sentence. */
export function statusSection(
  content: HypothesisContent,
  tracking: HypothesisTracking,
  now: number,
): string[] {
  const verdict = standingVerdict(content.metrics ?? [], tracking.measurements, tracking, now)
  const rows: [string, string][] = [
    [StatusLabels.status, tracking.status],
    [StatusLabels.days, String(tracking.timebox.days)],
    [StatusLabels.start, tracking.timebox.start ?? ''],
    [StatusLabels.end, tracking.timebox.end ?? ''],
    [StatusLabels.verdict, `${verdict.verdict}: ${cell(verdict.reason)}`],
  ]
  if (tracking.predecessor) rows.push([StatusLabels.predecessor, tracking.predecessor])
  if (tracking.successor) rows.push([StatusLabels.successor, tracking.successor])
  return [
    '### Status',
    marker('status'),
    row(['Field', 'Value']),
    separator(['l', 'l']),
    ...rows.map(([label, value]) => row([label, value])),
    '',
  ]
}

/** The lessons-learned log: each lesson with when and by whom. */
export function lessonsSection(
  label: string,
  content: HypothesisContent,
  tracking: HypothesisTracking,
): string[] {
  const dated = new Map(tracking.lessons.map((l) => [l.id, l]))
  return [
    `### ${escapeInline(label)}`,
    marker('lessons'),
    row(LessonColumns),
    separator(['l', 'l', 'l']),
    ...(content.boxes.lessons ?? []).map((item) => {
      const lesson = dated.get(item.id)
      return row([
        lesson?.at ?? '',
        cell(lesson?.by ?? ''),
        `${cell(item.text)} ${marker('lesson', { id: item.id })}`,
      ])
    }),
    '',
  ]
}

const describeMetric = (m: Metric | null) =>
  m === null
    ? 'none'
    : `baseline ${formatNumber(m.baseline.value) || '–'}, target ${formatNumber(targetValue(m)) || '–'}` +
      (m.tolerance === null ? '' : `, tolerance ${formatNumber(m.tolerance)}`)

/**
 * Amendments: a readable before → after, and the exact metrics in the marker so import
 * restores them.
 */
function amendmentsSection(tracking: HypothesisTracking): string[] {
  if (tracking.amendments.length === 0) return []
  return [
    '### Amendments',
    marker('amendments'),
    row(AmendmentColumns),
    separator(['l', 'l', 'l', 'l', 'l']),
    ...tracking.amendments.map((a) =>
      row([
        `${a.at} ${marker('amendment', {
          id: a.id,
          before: encodeMarkerJson(a.before),
          after: encodeMarkerJson(a.after),
        })}`,
        cell(a.by),
        cell(a.metric),
        cell(a.reason),
        cell(`${describeMetric(a.before)} → ${describeMetric(a.after)}`),
      ]),
    ),
    '',
  ]
}

/** Per metric: count, first and latest measurement (computed), then every measurement. */
function measurementsSection(content: HypothesisContent, tracking: HypothesisTracking): string[] {
  const metrics = content.metrics ?? []
  const summaries = measurementSummaries(metrics, tracking)
  const lines = [
    '### Measurements',
    marker('measurement-summary'),
    row(SummaryColumns),
    separator(['l', 'r', 'r', 'l', 'r', 'l', 'r']),
    ...summaries.map((s, i) =>
      row([
        cell(s.key),
        String(s.count),
        formatNumber(s.first?.value),
        s.first?.at ?? '',
        formatNumber(s.latest?.value),
        s.latest?.at ?? '',
        formatNumber(targetValue(metrics[i]!)),
      ]),
    ),
    '',
  ]
  if (tracking.measurements.length === 0) return lines
  return [
    ...lines,
    measurementsDetailsOpen(tracking.measurements.length),
    '',
    marker('measurements'),
    row(MeasurementColumns),
    separator(['l', 'r', 'l', 'l', 'l', 'l', 'l', 'l']),
    ...tracking.measurements.map((m) =>
      row([
        cell(m.metric),
        formatNumber(m.value),
        m.at,
        m.baseline ? 'yes' : 'no',
        cell(m.source),
        m.recordedAt,
        cell(m.by),
        cell(m.id),
      ]),
    ),
    '',
    measurementsDetailsClose,
    '',
  ]
}

function decisionSection(tracking: HypothesisTracking): string[] {
  const d = tracking.decision
  if (!d) return []
  return [
    '### Decision',
    marker('decision'),
    row(DecisionColumns),
    separator(['l', 'l', 'l', 'l', 'l']),
    row([
      d.decision,
      cell(d.rationale),
      cell(d.by),
      d.at,
      d.verdictAtDecision
        ? `${d.verdictAtDecision.verdict}: ${cell(d.verdictAtDecision.reason)}`
        : '',
    ]),
    '',
  ]
}

/** The assumptions, riskiest first; none written for a hypothesis without any. */
export function assumptionsSection(content: HypothesisContent): string[] {
  const assumptions = content.assumptions ?? []
  if (assumptions.length === 0) return []
  return [
    '### Assumptions',
    marker('assumptions'),
    row(AssumptionColumns),
    separator(['r', 'l', 'l']),
    ...assumptions.map((a, i) =>
      row([String(i + 1), `${cell(a.text)} ${marker('assumption', { id: a.id })}`, a.state]),
    ),
    '',
  ]
}

/** What the record says about itself (what an import restored), dated and attributed. */
function historySection(tracking: HypothesisTracking): string[] {
  if (tracking.history.length === 0) return []
  return [
    '### History',
    marker('history'),
    row(HistoryColumns),
    separator(['l', 'l', 'l']),
    ...tracking.history.map((h) =>
      row([`${h.at} ${marker('note', { id: h.id })}`, cell(h.by), cell(h.note)]),
    ),
    '',
  ]
}

/** Everything after the metrics table. */
export function trackingSections(
  content: HypothesisContent,
  tracking: HypothesisTracking,
): string[] {
  return [
    ...amendmentsSection(tracking),
    ...measurementsSection(content, tracking),
    ...decisionSection(tracking),
    ...historySection(tracking),
  ]
}
