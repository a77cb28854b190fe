import { emptyTracking, type HypothesisTracking } from '../canvases/hypothesis/tracking.js'
import { getCanvasDefinition } from '../canvases/registry.js'
import type { CanvasContent, Metric, Step } from '../canvases/schema.js'
import { compareStreams, type StreamFigures } from '../canvases/vsm/figures.js'
import { escapeCell, escapeInline } from './escape.js'
import { ExportMarker, MetricColumns, StepColumns, formatNumber, marker } from './format.js'
import { lessonsSection, statusSection, trackingSections } from './hypothesisSections.js'

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
const separator = (aligns: readonly ('l' | 'r')[]) =>
  `|${aligns.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`
const cell = (text: string) => escapeCell(text)

function fieldsTable(content: CanvasContent): string[] {
  const definition = getCanvasDefinition(content.kind)
  if (definition.fields.length === 0) return []
  return [
    marker('fields'),
    row(['Field', 'Value']),
    separator(['l', 'l']),
    ...definition.fields.map((f) =>
      row([
        `${cell(f.label)} ${marker('field', { key: f.key })}`,
        cell(content.fields[f.key] ?? ''),
      ]),
    ),
    '',
  ]
}

function boxSection(content: CanvasContent, key: string, label: string): string[] {
  const items = content.boxes[key] ?? []
  return [
    `### ${escapeInline(label)}`,
    marker('box', { key }),
    ...items.map((item) => `- ${escapeInline(item.text)} ${marker('item', { id: item.id })}`),
    '',
  ]
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
        formatNumber(m.target.value),
        formatNumber(m.tolerance),
      ]),
    ),
    '',
  ]
}

function stepsTable(state: 'current' | 'future', steps: readonly Step[], figures: StreamFigures) {
  return [
    `### ${state === 'current' ? 'Current state' : 'Future state'}`,
    marker('steps', { state }),
    row(StepColumns),
    separator(['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l', 'l']),
    ...steps.map((s, i) =>
      row([
        String(i + 1),
        `${cell(s.name)} ${marker('step', { id: s.id })}`,
        cell(s.owner),
        formatNumber(s.processMinutes),
        formatNumber(s.leadMinutes),
        formatNumber(figures.stepWaitMinutes[i]),
        formatNumber(s.completeAccuratePct),
        s.classification,
        s.wastes.join(', '),
      ]),
    ),
    '',
  ]
}

const minutes = (n: number) => `${formatNumber(Math.round(n * 100) / 100)} min`
const pct = (f: number | null) => (f === null ? '–' : `${(f * 100).toFixed(1)} %`)
const signed = (n: number | null, unit: string) =>
  n === null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}${unit}`

function figuresTable(content: CanvasContent): string[] {
  const c = compareStreams(content.current ?? [], content.future ?? [])
  const pp = (n: number | null) => (n === null ? null : n * 100)
  return [
    '### Figures',
    marker('figures'),
    row(['Figure', 'Current', 'Future', 'Difference']),
    separator(['l', 'r', 'r', 'r']),
    row([
      'Total lead time',
      minutes(c.current.totalLeadMinutes),
      minutes(c.future.totalLeadMinutes),
      signed(-c.leadTimeSavedMinutes, ' min'),
    ]),
    row([
      'Total process time',
      minutes(c.current.totalProcessMinutes),
      minutes(c.future.totalProcessMinutes),
      signed(c.future.totalProcessMinutes - c.current.totalProcessMinutes, ' min'),
    ]),
    row([
      'Total wait',
      minutes(c.current.totalWaitMinutes),
      minutes(c.future.totalWaitMinutes),
      signed(c.future.totalWaitMinutes - c.current.totalWaitMinutes, ' min'),
    ]),
    row([
      'Activity ratio',
      pct(c.current.activityRatio),
      pct(c.future.activityRatio),
      signed(pp(c.activityRatioGained), ' pp'),
    ]),
    row([
      'Rolled %C&A',
      pct(c.current.rolledCompleteAccurate),
      pct(c.future.rolledCompleteAccurate),
      signed(pp(c.rolledCompleteAccurateGained), ' pp'),
    ]),
    '',
  ]
}

function sentence(content: CanvasContent): string[] {
  const f = (key: string) => escapeInline(content.fields[key] ?? '')
  return [
    marker('sentence'),
    `**We believe that** ${f('belief')} **will result in** ${f('expectedResult')}` +
      ` **We will know we've succeeded when** ${f('successSignal')}`,
    '',
  ]
}

/** A canvas to export; a hypothesis carries its tracked state (status, measurements, …). */
export type ExportCanvas = CanvasContent & { tracking?: HypothesisTracking }

export interface ExportOptions {
  /** The time the verdict is judged at; now by default. */
  now?: number
}

/** The section of one canvas (without the export marker), lines ending in one blank line. */
export function canvasSection(content: ExportCanvas, options: ExportOptions = {}): string[] {
  const definition = getCanvasDefinition(content.kind)
  const lines = [
    `## ${escapeInline(content.title)}`,
    marker('canvas', { id: content.id, kind: content.kind }),
    '',
    `> ${escapeInline(definition.label)} · ${escapeInline(definition.attribution)}`,
    '',
  ]
  const tracking = content.kind === 'hypothesis' ? (content.tracking ?? emptyTracking()) : null
  if (tracking) {
    lines.push(...sentence(content))
    lines.push(...statusSection(content, tracking, options.now ?? Date.now()))
  } else {
    lines.push(...fieldsTable(content))
  }
  for (const box of definition.boxes) {
    lines.push(
      ...(tracking && box.key === 'lessons'
        ? lessonsSection(box.label, content, tracking)
        : boxSection(content, box.key, box.label)),
    )
  }
  if (tracking) {
    lines.push(...metricsTable(content.metrics ?? []))
    lines.push(...trackingSections(content, tracking))
  }
  if (content.kind === 'vsm') {
    const c = compareStreams(content.current ?? [], content.future ?? [])
    lines.push(...stepsTable('current', content.current ?? [], c.current))
    lines.push(...stepsTable('future', content.future ?? [], c.future))
    lines.push(...figuresTable(content))
  }
  return lines
}

/** Markdown of one canvas. */
export function exportCanvasMarkdown(content: ExportCanvas, options: ExportOptions = {}): string {
  return [ExportMarker, '', ...canvasSection(content, options)].join('\n')
}

/** Markdown of a whole board: its title, then every canvas. */
export function exportBoardMarkdown(
  title: string,
  canvases: readonly ExportCanvas[],
  options: ExportOptions = {},
): string {
  const now = options.now ?? Date.now()
  return [
    ExportMarker,
    '',
    `# ${escapeInline(title)}`,
    '',
    ...canvases.flatMap((c) => canvasSection(c, { now })),
  ].join('\n')
}
