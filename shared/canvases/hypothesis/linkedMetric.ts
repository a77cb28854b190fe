import type * as Y from 'yjs'
import { getBoardCanvases, readCanvas } from '../../doc/canvasDoc.js'
import type { MetricLink } from '../baseContent.js'
import { hypothesisCanvas } from './definition.js'
import { readTrackingSummary } from './trackingDoc.js'
import { standingVerdict } from './standing.js'
import type { MetricState, Verdict } from './verdict.js'

/** How a linked metric stands, as a Lean key metric or an ML monitoring item shows it. */
export type LinkedMetricStanding =
  | {
      found: true
      hypothesisTitle: string
      metricName: string
      unit: string
      /** The latest measurement (baseline readings left out), or null before the first. */
      latest: number | null
      latestAt: string | null
      state: MetricState
      verdict: Verdict
    }
  | { found: false; reason: string }

/**
 * Reads the metric a link names from the board's document, with the same verdict the
 * hypothesis canvas shows (standingVerdict): a measurement arriving there changes it here too.
 */
export function linkedMetricStanding(
  doc: Y.Doc,
  link: MetricLink,
  now: number,
): LinkedMetricStanding {
  const map = getBoardCanvases(doc).get(link.canvasId)
  const content = map ? readCanvas(link.canvasId, map) : undefined
  if (!map || !content || content.kind !== hypothesisCanvas.kind)
    return { found: false, reason: 'The linked hypothesis is not on this board.' }
  const metric = (content.metrics ?? []).find((m) => m.key === link.metricKey)
  if (!metric)
    return { found: false, reason: `“${content.title}” has no metric ${link.metricKey} now.` }
  const summary = readTrackingSummary(map)
  const result = standingVerdict(content.metrics ?? [], summary.latest, summary, now)
  const point = summary.latest.find((p) => p.metric === metric.key)
  return {
    found: true,
    hypothesisTitle: content.title,
    metricName: metric.name || metric.key,
    unit: metric.unit,
    latest: point?.value ?? null,
    latestAt: point?.at ?? null,
    state: result.metrics.find((m) => m.key === metric.key)?.state ?? 'no-data',
    verdict: result.verdict,
  }
}

/** The metrics of every hypothesis on a board, for a picker: canvas, title, key and name. */
export function linkableMetrics(doc: Y.Doc) {
  const out: { canvasId: string; title: string; metricKey: string; name: string }[] = []
  for (const [canvasId, map] of getBoardCanvases(doc).entries()) {
    if (map.get('kind') !== hypothesisCanvas.kind) continue
    const content = readCanvas(canvasId, map)
    for (const m of content?.metrics ?? [])
      out.push({ canvasId, title: content!.title, metricKey: m.key, name: m.name || m.key })
  }
  return out
}
