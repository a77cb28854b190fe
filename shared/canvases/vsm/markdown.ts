import { unescapeInline } from '../../markdown/escape.js'
import { formatNumber, marker, readMarker } from '../../markdown/format.js'
import { cellCount, notOneOf, quoted } from '../../markdown/importErrors.js'
import { boxSections, cell, fieldsTable, row, separator } from '../../markdown/tables.js'
import type { KindMarkdown } from '../types.js'
import type { VsmContent } from './content.js'
import { vsmCanvas } from './definition.js'
import { compareStreams, type StreamFigures } from './figures.js'
import { DurationUnits } from './durationUnit.js'
import { StepSchema, StreamStates, type Step, type StreamState } from './step.js'

/** A value-stream map in the markdown format: its fields, both states' steps, and the figures. */
export const StepColumns = [
  '#',
  'Step',
  'Owner',
  'Process time (min)',
  'Lead time (min)',
  'Wait (min)',
  '%C&A',
  'Classification',
  'Wastes',
  'Parallel',
] as const
/** Files exported before steps could run in parallel have no Parallel column. */
const SequentialColumns = StepColumns.length - 1
const ParallelMark = 'with previous'
const DisplayUnitLine = /^Durations are shown in (\S+)\.$/

const num = (s: string) => (s === '' ? null : Number(s))

function stepsTable(state: StreamState, steps: readonly Step[], figures: StreamFigures) {
  return [
    `### ${state === 'current' ? 'Current state' : 'Future state'}`,
    marker('steps', { state }),
    row(StepColumns),
    separator(['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l', 'l', 'l']),
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
        s.parallel && i > 0 ? ParallelMark : '',
      ]),
    ),
    '',
  ]
}

const minutes = (n: number) => `${formatNumber(Math.round(n * 100) / 100)} min`
const pct = (f: number | null) => (f === null ? '–' : `${(f * 100).toFixed(1)} %`)
const signed = (n: number | null, unit: string) =>
  n === null ? '–' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}${unit}`

function figuresTable(content: VsmContent): string[] {
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

export const vsmMarkdown: KindMarkdown<VsmContent, never> = {
  owner: 'a value-stream map',
  export(content) {
    const c = compareStreams(content.current ?? [], content.future ?? [])
    return [
      ...fieldsTable(content, vsmCanvas),
      ...boxSections(content, vsmCanvas),
      ...(content.displayUnit
        ? [marker('display-unit'), `Durations are shown in ${content.displayUnit}.`, '']
        : []),
      ...stepsTable('current', content.current ?? [], c.current),
      ...stepsTable('future', content.future ?? [], c.future),
      ...figuresTable(content),
    ]
  },
  sections: {
    'display-unit': {
      what: 'a display unit',
      open: () => ({
        line(line, c, _tracking, { index, fail }) {
          const unit = DisplayUnitLine.exec(line)?.[1]
          const known = DurationUnits.find((u) => u === unit)
          if (!known)
            fail(
              index,
              `found ${quoted(line)}, expected "Durations are shown in <unit>." with a unit of ${DurationUnits.join(', ')}.`,
            )
          c.displayUnit = known
        },
      }),
    },
    steps: {
      what: 'steps',
      open(attrs, { index, fail }) {
        const state = attrs.state
        if (state !== 'current' && state !== 'future')
          fail(index, notOneOf('steps state', state ?? '', StreamStates))
        return {
          row(cells, c, _tracking, { index: i, fail, parse }) {
            if (cells.join('|') === StepColumns.join('|')) return
            if (cells.join('|') === StepColumns.slice(0, SequentialColumns).join('|')) return
            if (cells.length !== StepColumns.length && cells.length !== SequentialColumns)
              fail(i, cellCount('a step row', StepColumns.length, cells.length))
            const [, name, owner, pt, lt, , ca, classification, wastes, parallel = ''] = cells
            const marker = readMarker(name!)
            if (!marker || marker.name !== 'step')
              fail(i, `found ${quoted(name!)}, expected <!-- step id="…" --> in the step cell.`)
            if (parallel !== '' && parallel !== ParallelMark)
              fail(
                i,
                `found ${quoted(parallel)} as Parallel, expected "${ParallelMark}" or nothing.`,
              )
            const step = parse(
              i,
              StepSchema,
              {
                id: marker!.attrs.id,
                name: unescapeInline(marker!.before),
                owner: unescapeInline(owner!),
                processMinutes: num(pt!),
                leadMinutes: num(lt!),
                completeAccuratePct: num(ca!),
                classification,
                wastes: wastes === '' ? [] : wastes!.split(', '),
                ...(parallel === ParallelMark && { parallel: true }),
              },
              'step',
            )
            ;(c[state as StreamState] ??= []).push(step)
          },
        }
      },
    },
    // Computed from the steps on every export: nothing to read. Any canvas may carry it.
    figures: { what: 'figures', skippedElsewhere: true, open: () => ({}) },
  },
}
