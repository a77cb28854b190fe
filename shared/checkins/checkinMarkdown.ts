import { z } from 'zod'
import { decodeMarkerJson, encodeMarkerJson, marker } from '../markdown/format.js'
import { cell, row, separator } from '../markdown/tables.js'
import type { MarkdownSection } from '../canvases/types.js'
import {
  CadenceDaysSchema,
  CheckinSchema,
  DefaultCadenceDays,
  MaxCheckins,
  likelihoodWords,
  type CheckinTracking,
} from './checkin.js'

const SummaryColumns = ['Every (days)', 'Check-ins', 'Last'] as const
const LogColumns = ['At', 'By', 'Likelihood', 'Moving', 'What happened', 'Next'] as const

/**
 * The check-ins in the markdown format: a summary row whose marker carries every check-in and
 * the cadence (base64url JSON, read back exactly), then the log for people (computed).
 */
export function checkinSections(tracking: CheckinTracking): string[] {
  const { checkins, checkinCadence } = tracking
  if (checkins === undefined && checkinCadence === undefined) return []
  const list = checkins ?? []
  return [
    '### Check-ins',
    marker('checkins', {
      data: encodeMarkerJson({ checkins: list, cadence: checkinCadence ?? DefaultCadenceDays }),
    }),
    row(SummaryColumns),
    separator(['r', 'r', 'l']),
    row([String(checkinCadence ?? DefaultCadenceDays), String(list.length), list.at(-1)?.at ?? '']),
    '',
    ...(list.length === 0
      ? []
      : [
          marker('checkin-log'),
          row(LogColumns),
          separator(['l', 'l', 'l', 'l', 'l', 'l']),
          ...list.map((c) =>
            row([
              c.at,
              cell(c.by),
              likelihoodWords(c.likelihood),
              c.momentum,
              cell(c.happened),
              cell(c.next),
            ]),
          ),
          '',
        ]),
  ]
}

const MarkerData = z.object({
  checkins: z.array(CheckinSchema).max(MaxCheckins),
  cadence: CadenceDaysSchema,
})

/** The sections an import reads back: the marked summary restores everything. */
export function checkinSectionReaders<C, T extends CheckinTracking>(): Record<
  string,
  MarkdownSection<C, T>
> {
  return {
    checkins: {
      what: 'check-ins',
      open(attrs, { index, fail, parse }) {
        let data: unknown
        try {
          data = decodeMarkerJson(attrs.data ?? '')
        } catch {
          fail(index, 'the check-ins are not readable')
        }
        const { checkins, cadence } = parse(index, MarkerData, data, 'check-ins')
        return {
          row: (_cells, _c, tracking) => {
            if (checkins.length > 0) tracking.checkins = checkins
            tracking.checkinCadence = cadence
          },
        }
      },
    },
    'checkin-log': { what: 'check-ins', open: () => ({}) },
  }
}
