import { checkinSectionReaders, checkinSections } from '../../checkins/checkinMarkdown.js'
import { escapeInline, unescapeInline } from '../../markdown/escape.js'
import { formatNumber, marker, readMarker } from '../../markdown/format.js'
import { cellCount, quoted } from '../../markdown/importErrors.js'
import { boxSection, cell, row, separator } from '../../markdown/tables.js'
import type { KindMarkdown, MarkdownSection } from '../types.js'
import type { HypothesisContent } from './content.js'
import { hypothesisCanvas } from './definition.js'
import { AssumptionColumns, DetailsLine, MetricColumns } from './markdownFormat.js'
import { readTrackingRow, type TrackedSection } from './markdownRows.js'
import {
  assumptionsSection,
  lessonsSection,
  statusSection,
  trackingSections,
} from './markdownSections.js'
import {
  MetricSchema,
  RelativeUnits,
  relativeTargetWords,
  targetValue,
  type Metric,
} from './metric.js'
import { AssumptionSchema } from './assumption.js'
import { emptyTracking, type HypothesisTracking } from './tracking.js'

/**
 * A hypothesis in the markdown format: the sentence and its status first, then the boxes (the
 * lessons as a dated log), the metrics, and what was tracked (docs/markdown-format.md).
 */
const SENTENCE =
  /^\*\*We believe that\*\* (.*) \*\*will result in\*\* (.*) \*\*We will know we've succeeded when\*\* (.*)$/
const num = (s: string) => (s === '' ? null : Number(s))

function sentence(content: HypothesisContent): string[] {
  const f = (key: string) => escapeInline(content.fields[key] ?? '')
  return [
    marker('sentence'),
    `**We believe that** ${f('belief')} **will result in** ${f('expectedResult')}` +
      ` **We will know we've succeeded when** ${f('successSignal')}`,
    '',
  ]
}

/**
 * The target cell: a number, or a relative target in words with what it resolves to and a
 * marker import reads it back from: `+10 % over baseline (→ 4.4) <!-- target by="10" unit="%" -->`.
 */
function targetCell(m: Metric): string {
  const relative = m.target.relative
  if (!relative) return formatNumber(m.target.value)
  const resolved = targetValue(m)
  const words = `${relativeTargetWords(relative, m.unit)}${resolved === null ? '' : ` (→ ${formatNumber(resolved)})`}`
  return `${cell(words)} ${marker('target', { by: relative.by, unit: relative.unit })}`
}

function metricsTable(metrics: readonly Metric[]): string[] {
  return [
    '### Metrics',
    marker('metrics'),
    row(MetricColumns),
    separator(['l', 'l', 'l', 'l', 'l', 'r', 'l', 'l', 'r', 'r']),
    ...metrics.map((m) =>
      row([
        `${cell(m.name)} ${marker('metric', { id: m.id })}`,
        cell(m.key),
        m.kind,
        cell(m.unit),
        m.direction,
        formatNumber(m.baseline.value),
        cell(m.baseline.at ?? ''),
        cell(m.baseline.source ?? ''),
        targetCell(m),
        formatNumber(m.tolerance),
      ]),
    ),
    '',
  ]
}

type Section = MarkdownSection<HypothesisContent, HypothesisTracking>

const sentenceSection: Section = {
  what: 'a sentence',
  open: () => ({
    line(line, c, _tracking, { index, fail }) {
      const s = SENTENCE.exec(line)
      if (!s) fail(index, `found ${quoted(line)}, expected the hypothesis sentence.`)
      c.fields.belief = unescapeInline(s![1]!)
      c.fields.expectedResult = unescapeInline(s![2]!)
      c.fields.successSignal = unescapeInline(s![3]!)
    },
  }),
}

const metricsSection: Section = {
  what: 'metrics',
  open: () => ({
    row(cells, c, _tracking, { index: i, fail, parse }) {
      if (cells.join('|') === MetricColumns.join('|')) return
      if (cells.length !== MetricColumns.length)
        fail(i, cellCount('a metric row', MetricColumns.length, cells.length))
      const [name, key, kind, unit, direction, baseline, at, source, target, tolerance] = cells
      const marker = readMarker(name!)
      const relative = readMarker(target!)
      if (relative && relative.name !== 'target')
        fail(i, 'expected <!-- target … --> in the target cell')
      if (relative && !RelativeUnits.includes(relative.attrs.unit as never)) {
        fail(i, `a relative target's unit is ${RelativeUnits.join(' or ')}`)
      }
      if (!marker || marker.name !== 'metric')
        fail(i, `found ${quoted(name!)}, expected <!-- metric id="…" --> in the first cell.`)
      const metric = parse(
        i,
        MetricSchema,
        {
          id: marker!.attrs.id,
          name: unescapeInline(marker!.before),
          key: unescapeInline(key!),
          kind,
          unit: unescapeInline(unit!),
          direction,
          baseline: {
            value: num(baseline!),
            at: at === '' ? null : unescapeInline(at!),
            source: source === '' ? null : unescapeInline(source!),
          },
          target: relative
            ? {
                value: null,
                relative: { by: num(relative.attrs.by ?? ''), unit: relative.attrs.unit },
              }
            : { value: num(target!) },
          tolerance: num(tolerance!),
        },
        'metric',
      )
      ;(c.metrics ??= []).push(metric)
    },
  }),
}

const assumptionsSectionReader: Section = {
  what: 'assumptions',
  open: () => ({
    row(cells, c, _tracking, { index: i, fail, parse }) {
      if (cells.join('|') === AssumptionColumns.join('|')) return
      if (cells.length !== AssumptionColumns.length) {
        fail(i, `an assumption row has ${AssumptionColumns.length} cells`)
      }
      const [, text, state] = cells
      const m = readMarker(text!)
      if (!m || m.name !== 'assumption') fail(i, 'expected <!-- assumption id="…" --> after it')
      const list = (c.assumptions ??= [])
      const assumption = parse(
        i,
        AssumptionSchema,
        { id: m!.attrs.id, text: unescapeInline(m!.before), state },
        'assumption',
      )
      if (list.some((a) => a.id === assumption.id))
        fail(i, `assumption ${assumption.id} appears twice`)
      list.push(assumption)
    },
  }),
}

/** A section of what a hypothesis tracked: its rows go to the tracking (and the lessons box). */
const tracked = (section: TrackedSection): Section => ({
  what: section,
  open: () => ({
    row: (cells, c, tracking, { index, fail, parse }) =>
      readTrackingRow(section, cells, c, tracking, index, fail, parse),
  }),
})

/** Computed from the measurements on every export: nothing to read. */
const summarySection: Section = { what: 'measurement-summary', open: () => ({}) }

export const hypothesisMarkdown: KindMarkdown<HypothesisContent, HypothesisTracking> = {
  owner: 'a hypothesis canvas',
  export(content, tracked = emptyTracking(), now) {
    const lines = [...sentence(content), ...statusSection(content, tracked, now)]
    for (const box of hypothesisCanvas.boxes) {
      lines.push(
        ...(box.key === 'lessons'
          ? lessonsSection(box.label, content, tracked)
          : boxSection(content, box.key, box.label)),
      )
    }
    lines.push(...metricsTable(content.metrics ?? []))
    lines.push(...assumptionsSection(content))
    lines.push(...trackingSections(content, tracked))
    lines.push(...checkinSections(tracked))
    return lines
  },
  sections: {
    sentence: sentenceSection,
    metrics: metricsSection,
    assumptions: assumptionsSectionReader,
    history: tracked('history'),
    status: tracked('status'),
    lessons: tracked('lessons'),
    amendments: tracked('amendments'),
    'measurement-summary': summarySection,
    measurements: tracked('measurements'),
    decision: tracked('decision'),
    ...checkinSectionReaders<HypothesisContent, HypothesisTracking>(),
  },
  // The fold around the full list of measurements is presentation only.
  skipLine: DetailsLine,
}
