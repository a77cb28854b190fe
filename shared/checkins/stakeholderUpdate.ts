import type { Assumption } from '../canvases/hypothesis/assumption.js'
import { targetValue, type Metric } from '../canvases/hypothesis/metric.js'
import type { HypothesisStatus, Lesson, Measurement } from '../canvases/hypothesis/tracking.js'
import { latestValues, type Verdict } from '../canvases/hypothesis/verdict.js'
import { gatesOf, projectStatus, type ProjectTracking } from '../canvases/project/tracking.js'
import { stageLabel } from '../canvases/project/stages.js'
import { escapeInline } from '../markdown/escape.js'
import { cell, row, separator } from '../markdown/tables.js'
import { likelihoodWords, type Checkin, type CheckinStanding } from './checkin.js'
import { hypothesisSinceLines, projectSinceLines } from './sinceLines.js'

const day = (iso: string) => iso.slice(0, 10)
const num = (n: number | null | undefined, unit: string) =>
  n === null || n === undefined ? '—' : `${n}${unit ? ` ${unit}` : ''}`
const text = (s: string) => escapeInline(s.replace(/\s*\n\s*/g, ' ').trim())
const bullets = (lines: readonly string[], none: string) =>
  lines.length === 0 ? [`_${none}_`] : lines.map((l) => `- ${text(l)}`)

/** A hypothesis as its stakeholder update needs it. */
export interface HypothesisUpdateInput {
  title: string
  status: HypothesisStatus
  verdict: { verdict: Verdict; reason: string }
  metrics: readonly Metric[]
  measurements: readonly Measurement[]
  lessons: readonly Lesson[]
  assumptions: readonly Assumption[]
  checkins: readonly Checkin[]
  standing: CheckinStanding | null
}

/** A project as its stakeholder update needs it, with the hypotheses linked to it that are known. */
export interface ProjectUpdateInput {
  title: string
  owner: string
  tracking: ProjectTracking
  checkins: readonly Checkin[]
  standing: CheckinStanding | null
  hypotheses: readonly {
    title: string
    verdict: Verdict
    metrics: readonly Metric[]
    measurements: readonly Measurement[]
  }[]
}

/** Baseline, target and latest value per metric, as a table. */
function metricTable(metrics: readonly Metric[], measurements: readonly Measurement[]): string[] {
  if (metrics.length === 0) return ['_No metrics yet._']
  const latest = latestValues(measurements)
  return [
    row(['Metric', 'Baseline', 'Target', 'Latest', 'Latest at']),
    separator(['l', 'r', 'r', 'r', 'l']),
    ...metrics.map((m) => {
      const value = latest.get(m.key)
      return row([
        cell(m.name || m.key),
        cell(num(m.baseline.value, m.unit)),
        cell(num(targetValue(m), m.unit)),
        cell(num(value?.value, m.unit)),
        cell(value ? day(value.at) : ''),
      ])
    }),
  ]
}

function standingLines(checkins: readonly Checkin[], standing: CheckinStanding | null): string[] {
  const last = checkins.at(-1)
  const lines = last
    ? [
        `- Last check-in: ${day(last.at)} by ${text(last.by || 'someone')}: ` +
          `likelihood of success ${likelihoodWords(last.likelihood)}, ${last.momentum}`,
        ...(last.next.trim() ? [`- Next experiments: ${text(last.next)}`] : []),
      ]
    : ['- No check-in yet']
  if (standing) lines.push(`- Next check-in: ${day(standing.dueAt)} (${standing.state})`)
  return lines
}

/** What happened since the last check-in: the automatic lines and what the last one planned. */
function sinceSection(lines: readonly string[], last: Checkin | undefined): string[] {
  const heading = last ? `## Since the last check-in (${day(last.at)})` : '## So far'
  const planned = last?.next.trim() ? ['', `Experiments planned then: ${text(last.next)}`] : []
  return [heading, '', ...bullets(lines, 'Nothing recorded since.'), ...planned]
}

function checkinLog(checkins: readonly Checkin[]): string[] {
  if (checkins.length === 0) return []
  return [
    '',
    '## Check-ins',
    '',
    ...checkins
      .slice(-10)
      .reverse()
      .map(
        (c) =>
          `- ${day(c.at)}: ${likelihoodWords(c.likelihood)}, ${c.momentum}` +
          (c.happened.trim() ? `: ${text(c.happened)}` : ''),
      ),
  ]
}

/** The stakeholder update of a hypothesis, as markdown ready to paste into a document or an email. */
export function hypothesisUpdate(input: HypothesisUpdateInput, now: number): string {
  const last = input.checkins.at(-1)
  const since = hypothesisSinceLines(input.metrics, input.measurements, last?.at ?? null)
  const lessons = input.lessons.filter((l) => l.text.trim() !== '')
  const open = input.assumptions.filter((a) => a.state !== 'holding' && a.text.trim() !== '')
  return [
    `# ${text(input.title || 'Untitled hypothesis')}: update of ${day(new Date(now).toISOString())}`,
    '',
    `Status: ${input.status}. Verdict: ${input.verdict.verdict}. ${text(input.verdict.reason)}`,
    '',
    ...standingLines(input.checkins, input.standing),
    '',
    '## Metrics',
    '',
    ...metricTable(input.metrics, input.measurements),
    '',
    ...sinceSection(since, last),
    '',
    '## Lessons',
    '',
    ...bullets(
      lessons.map((l) => (l.at ? `${day(l.at)}: ${l.text}` : l.text)),
      'No lessons recorded yet.',
    ),
    '',
    '## Open assumptions and risks',
    '',
    ...bullets(
      open.map((a) => `${a.text} (${a.state})`),
      'No open assumption.',
    ),
    ...checkinLog(input.checkins),
    '',
  ].join('\n')
}

/** The stakeholder update of a project, as markdown ready to paste into a document or an email. */
export function projectUpdate(input: ProjectUpdateInput, now: number): string {
  const { tracking } = input
  const last = input.checkins.at(-1)
  const since = projectSinceLines(tracking, last ?? null)
  const openGates = gatesOf(tracking, tracking.stage).filter((g) => g.open)
  const risky = input.hypotheses.filter((h) => h.verdict === 'refuted' || h.verdict === 'pending')
  const status = projectStatus(tracking)
  return [
    `# ${text(input.title || 'Untitled project')}: update of ${day(new Date(now).toISOString())}`,
    '',
    `Stage: ${stageLabel(tracking.stage)}. Status: ${status}.` +
      (input.owner.trim() ? ` Owner: ${text(input.owner)}.` : ''),
    '',
    ...standingLines(input.checkins, input.standing),
    '',
    '## Metrics',
    '',
    ...(input.hypotheses.length === 0
      ? ['_No linked hypothesis on this board._']
      : input.hypotheses.flatMap((h) => [
          `### ${text(h.title || 'Untitled hypothesis')} (${h.verdict})`,
          '',
          ...metricTable(h.metrics, h.measurements),
          '',
        ])),
    ...(input.hypotheses.length === 0 ? [''] : []),
    ...sinceSection(since, last),
    '',
    '## Lessons',
    '',
    ...bullets(
      tracking.moves.map(
        (m) => `${day(m.at)}, ${stageLabel(m.from)} → ${stageLabel(m.to)}: ${m.why}`,
      ),
      'No stage move yet.',
    ),
    '',
    '## Open assumptions and risks',
    '',
    ...bullets(
      [
        ...openGates.map((g) => `Open gate question of ${stageLabel(tracking.stage)}: ${g.text}`),
        ...risky.map((h) => `Hypothesis ${h.title || 'untitled'} is ${h.verdict}`),
        ...(last?.momentum === 'stuck' ? ['The last check-in said the project is stuck'] : []),
      ],
      'No open question or risk.',
    ),
    ...checkinLog(input.checkins),
    '',
  ].join('\n')
}
