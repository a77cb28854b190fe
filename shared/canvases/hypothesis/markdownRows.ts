import type { z } from 'zod'
import { unescapeInline } from '../../markdown/escape.js'
import { decodeMarkerJson, readMarker } from '../../markdown/format.js'
import { cellCount, notOneOf, quoted } from '../../markdown/importErrors.js'
import { EntityIdSchema } from '../baseContent.js'
import type { HypothesisContent } from './content.js'
import {
  AmendmentColumns,
  DecisionColumns,
  DecisionColumnsBefore,
  HistoryColumns,
  LessonColumns,
  MeasurementColumns,
  StatusLabels,
} from './markdownFormat.js'
import { MetricSchema } from './metric.js'
import { Verdicts } from './verdict.js'
import {
  AmendmentSchema,
  DecisionRecordSchema,
  HistoryNoteSchema,
  HypothesisStatuses,
  MeasurementSchema,
  type HypothesisTracking,
} from './tracking.js'

type Fail = (index: number, message: string) => never
type Parse = <T>(index: number, schema: z.ZodType<T>, value: unknown, what: string) => T
export type TrackedSection =
  'status' | 'lessons' | 'amendments' | 'measurements' | 'decision' | 'history'

const headers: Record<TrackedSection, readonly string[]> = {
  status: ['Field', 'Value'],
  lessons: LessonColumns,
  amendments: AmendmentColumns,
  measurements: MeasurementColumns,
  decision: DecisionColumns,
  history: HistoryColumns,
}
const orNull = (s: string) => (s === '' ? null : s)
const text = (s: string) => unescapeInline(s)

/** Reads one table row of a hypothesis's tracked sections into `tracking` (and the lessons box). */
export function readTrackingRow(
  section: TrackedSection,
  cells: string[],
  canvas: HypothesisContent,
  tracking: HypothesisTracking,
  i: number,
  fail: Fail,
  parse: Parse,
) {
  let header = headers[section]
  // Exports written before decisions kept their verdict have one column fewer.
  if (section === 'decision' && cells.length === DecisionColumnsBefore.length) {
    header = DecisionColumnsBefore
  }
  if (cells.join('|') === header.join('|')) return
  if (cells.length !== header.length)
    fail(i, cellCount(`a ${section} row`, header.length, cells.length))

  switch (section) {
    case 'status': {
      const [label, value] = cells as [string, string]
      switch (label) {
        case StatusLabels.status:
          if (!HypothesisStatuses.includes(value as never))
            fail(i, notOneOf('status', value, HypothesisStatuses))
          tracking.status = value as HypothesisTracking['status']
          return
        case StatusLabels.days:
          tracking.timebox.days = Number(value)
          return
        case StatusLabels.start:
          tracking.timebox.start = orNull(value)
          return
        case StatusLabels.end:
          tracking.timebox.end = orNull(value)
          return
        case StatusLabels.verdict:
          // Computed from the criteria and measurements on every export.
          return
        case StatusLabels.predecessor:
          tracking.predecessor = parse(i, EntityIdSchema, value, 'follows')
          return
        case StatusLabels.successor:
          tracking.successor = parse(i, EntityIdSchema, value, 'followed by')
          return
        default:
          fail(i, notOneOf('status row', label, Object.values(StatusLabels)))
      }
      return
    }
    case 'lessons': {
      const [at, by, lesson] = cells as [string, string, string]
      const m = readMarker(lesson)
      if (!m || m.name !== 'lesson')
        fail(i, `found ${quoted(lesson)}, expected <!-- lesson id="…" --> after the lesson.`)
      const id = parse(i, EntityIdSchema, m!.attrs.id, 'lesson id')
      if (Object.values(canvas.boxes).some((items) => items.some((x) => x.id === id))) {
        fail(i, `item id ${id} appears twice, expected each item id once.`)
      }
      const entry = { id, text: text(m!.before), at: orNull(at), by: text(by) }
      ;(canvas.boxes.lessons ??= []).push({ id, text: entry.text })
      tracking.lessons.push(entry)
      return
    }
    case 'amendments': {
      const [at, by, metric, reason] = cells as [string, string, string, string]
      const m = readMarker(at)
      if (!m || m.name !== 'amendment')
        fail(i, `found ${quoted(at)}, expected <!-- amendment … --> in the first cell.`)
      const json = (attr: string) => {
        try {
          return decodeMarkerJson(m!.attrs[attr] ?? '')
        } catch {
          return fail(i, `amendment ${attr} is not readable, expected what the export writes.`)
        }
      }
      tracking.amendments.push(
        parse(
          i,
          AmendmentSchema,
          {
            id: m!.attrs.id,
            at: m!.before,
            by: text(by),
            metric: text(metric),
            reason: text(reason),
            before: parse(i, MetricSchema.nullable(), json('before'), 'amendment before'),
            after: parse(i, MetricSchema.nullable(), json('after'), 'amendment after'),
          },
          'amendment',
        ),
      )
      return
    }
    case 'measurements': {
      const [metric, value, at, baseline, source, recordedAt, by, id] = cells as string[]
      if (baseline !== 'yes' && baseline !== 'no')
        fail(i, notOneOf('baseline', baseline ?? '', ['yes', 'no']))
      tracking.measurements.push(
        parse(
          i,
          MeasurementSchema,
          {
            metric: text(metric!),
            value: value === '' ? null : Number(value),
            at,
            baseline: baseline === 'yes',
            source: source === '' ? null : text(source!),
            recordedAt,
            by: text(by!),
            id: text(id!),
          },
          'measurement',
        ),
      )
      return
    }
    case 'decision': {
      const [decision, rationale, by, at, verdict = ''] = cells as string[]
      const kept = /^([a-z]+): (.*)$/.exec(verdict)
      if (verdict !== '' && (!kept || !Verdicts.includes(kept[1] as never))) {
        fail(i, `the verdict at decision is one of ${Verdicts.join(', ')}, then ": " and why`)
      }
      tracking.decision = parse(
        i,
        DecisionRecordSchema,
        {
          decision,
          rationale: text(rationale!),
          by: text(by!),
          at,
          ...(kept && { verdictAtDecision: { verdict: kept[1], reason: text(kept[2]!) } }),
        },
        'decision',
      )
      return
    }
    case 'history': {
      const [at, by, note] = cells as [string, string, string]
      const m = readMarker(at)
      if (!m || m.name !== 'note') fail(i, 'expected <!-- note id="…" --> in the first cell')
      tracking.history.push(
        parse(
          i,
          HistoryNoteSchema,
          { id: m!.attrs.id, at: m!.before, by: text(by), note: text(note) },
          'history note',
        ),
      )
      return
    }
  }
}
