import { standingOfDue } from '../../shared/checkins/checkin.js'
import { z } from 'zod'
import type { TrackerQuery, TrackerRow } from '../../shared/api/hypotheses.js'
import { primaryMetric } from '../../shared/canvases/hypothesis/summary.js'
import {
  HypothesisStatuses,
  DecisionRecordSchema,
  Decisions,
  type DecisionRecord,
} from '../../shared/canvases/hypothesis/tracking.js'
import { standingVerdict } from '../../shared/canvases/hypothesis/standing.js'
import { MetricSchema, targetValue } from '../../shared/canvases/hypothesis/metric.js'
import type { HypothesisIndex, HypothesisIndexRow } from '../persistence/types.js'

const DAY_MS = 24 * 60 * 60 * 1000

// The index is written by this server, but a row is still checked before it is trusted.
const MetricsJson = z.array(MetricSchema)
const LatestJson = z.record(z.string(), z.object({ value: z.number(), at: z.string() }))

const parseJson = <T>(schema: z.ZodType<T>, text: string, fallback: T): T => {
  try {
    return schema.safeParse(JSON.parse(text)).data ?? fallback
  } catch {
    return fallback
  }
}

/** The decision an index row keeps: its record as JSON, or (rows indexed earlier) its name. */
function decisionOf(
  text: string | null,
): { decision: DecisionRecord['decision']; record: DecisionRecord | null } | null {
  if (text === null) return null
  const name = Decisions.find((d) => d === text)
  if (name) return { decision: name, record: null }
  const record = parseJson(DecisionRecordSchema.nullable(), text, null)
  return record ? { decision: record.decision, record } : null
}

/** One index row as the tracker shows it, judged at `now` by the shared verdict rules. */
export function trackerRow(
  row: HypothesisIndexRow & { boardTitle: string },
  now: number,
): TrackerRow {
  const metrics = parseJson(MetricsJson, row.metricsJson, [])
  const latest = parseJson(LatestJson, row.latestJson, {})
  const points = Object.entries(latest).map(([metric, p]) => ({ metric, ...p }))
  const primary = primaryMetric(metrics)
  const end = row.timeboxEnd === null ? null : Date.parse(row.timeboxEnd)
  const status = HypothesisStatuses.find((s) => s === row.status) ?? 'draft'
  const decided = decisionOf(row.decision)
  const verdict = standingVerdict(
    metrics,
    points,
    { status, timebox: { end: row.timeboxEnd }, decision: decided?.record ?? null },
    now,
  )
  return {
    boardId: row.boardId,
    boardTitle: row.boardTitle,
    hypothesisId: row.canvasId,
    title: row.title,
    sentence: row.sentence,
    status,
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    primaryMetric: primary
      ? {
          key: primary.key,
          name: primary.name,
          unit: primary.unit,
          kind: primary.kind,
          direction: primary.direction,
          baseline: primary.baseline.value,
          target: targetValue(primary),
          latest: latest[primary.key]?.value ?? null,
          latestAt: latest[primary.key]?.at ?? null,
        }
      : null,
    timeboxStart: row.timeboxStart,
    timeboxEnd: row.timeboxEnd,
    daysLeft: end === null ? null : Math.ceil((end - now) / DAY_MS),
    overdue: end !== null && now >= end && status !== 'decided',
    decision: decided?.decision ?? null,
    decidedAt: decided?.record?.at ?? null,
    updatedAt: new Date(row.updatedAt).toISOString(),
    checkin: status === 'running' && row.checkinDueAt ? standingOfDue(row.checkinDueAt, now) : null,
  }
}

/**
 * Answers the tracker from the index alone. Status, board and overdue are filters in the
 * index, and so are the order and the limit, unless the query filters by verdict: the
 * verdict depends on the time, so it is computed per row and those queries sort here.
 */
export async function queryTracker(index: HypothesisIndex, query: TrackerQuery, now: number) {
  const filters = {
    boardIds: query.board,
    statuses: query.status,
    overdue: query.overdue === undefined ? undefined : { at: now, is: query.overdue === 'true' },
  }
  const orderBy = query.sort ?? 'updated'
  if (!query.verdict) {
    const [rows, total] = await Promise.all([
      index.queryHypotheses({ ...filters, orderBy, limit: query.limit }),
      index.countHypotheses(filters),
    ])
    return { hypotheses: rows.map((row) => trackerRow(row, now)), total }
  }
  const wanted = new Set<string>(query.verdict)
  const out = (await index.queryHypotheses(filters))
    .map((row) => trackerRow(row, now))
    .filter((r) => wanted.has(r.verdict))
  const byId = (a: TrackerRow, b: TrackerRow) =>
    a.boardId < b.boardId
      ? -1
      : a.boardId > b.boardId
        ? 1
        : a.hypothesisId < b.hypothesisId
          ? -1
          : 1
  if (orderBy === 'due') {
    const due = (r: TrackerRow) => (r.timeboxEnd === null ? Infinity : Date.parse(r.timeboxEnd))
    out.sort((a, b) => due(a) - due(b) || byId(a, b))
  } else {
    out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || byId(a, b))
  }
  return { hypotheses: query.limit ? out.slice(0, query.limit) : out, total: out.length }
}
