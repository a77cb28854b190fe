import { decodeMarkerJson, encodeMarkerJson, marker } from '../../markdown/format.js'
import { boxSections, cell, fieldsTable, row, separator } from '../../markdown/tables.js'
import type { KindMarkdown, MarkdownSection } from '../types.js'
import { checkinSectionReaders, checkinSections } from '../../checkins/checkinMarkdown.js'
import type { ProjectContent } from './content.js'
import { projectCanvas } from './definition.js'
import { StageDefinitions, stageLabel } from './stages.js'
import {
  ProjectTrackingSchema,
  emptyProjectTracking,
  enteredStageAt,
  gatesOf,
  openGateCount,
  projectStatus,
  type ProjectTracking,
} from './tracking.js'

/**
 * A project in the markdown format (docs/markdown-format.md): its fields, where it stands, the
 * gate questions, the moves, the linked hypotheses and how it ended, then each stage's goals,
 * inputs and outputs as boxes. The record marker under "Where it stands" carries the whole
 * tracked record (base64url JSON), so an import restores it exactly; the tables beside it are
 * for people and are computed on every export.
 */
const StandingColumns = ['Stage', 'Status', 'Since', 'Open gate questions'] as const
const GateColumns = ['Stage', 'Question', 'Answer', 'Note', 'By', 'At'] as const
const MoveColumns = ['From', 'To', 'At', 'By', 'Why'] as const
const LinkColumns = ['Board', 'Hypothesis'] as const

function withoutCheckins(t: ProjectTracking): ProjectTracking {
  const { checkins: _checkins, checkinCadence: _cadence, ...rest } = t
  return rest
}

function standing(t: ProjectTracking): string[] {
  return [
    '### Where it stands',
    // Check-ins have a section of their own (below).
    marker('project-record', { data: encodeMarkerJson(withoutCheckins(t)) }),
    row(StandingColumns),
    separator(['l', 'l', 'l', 'r']),
    row([
      stageLabel(t.stage),
      projectStatus(t),
      cell(enteredStageAt(t) ?? ''),
      String(openGateCount(t, t.stage)),
    ]),
    '',
    ...(t.end
      ? [
          `**${t.end.outcome === 'succeeded' ? 'Succeeded' : 'Stopped'}** in ${stageLabel(t.end.stage)} on ${t.end.at} by ${cell(t.end.by)}: ${cell(t.end.why)}`,
          '',
        ]
      : []),
  ]
}

function gates(t: ProjectTracking): string[] {
  return [
    '### Gate questions',
    marker('project-gates'),
    row(GateColumns),
    separator(['l', 'l', 'l', 'l', 'l', 'l']),
    ...StageDefinitions.flatMap((d) =>
      gatesOf(t, d.stage).map((g) =>
        row([
          d.label,
          cell(g.text),
          g.record?.answer ?? 'open',
          cell(g.record?.note ?? ''),
          cell(g.record?.by ?? ''),
          g.record?.at ?? '',
        ]),
      ),
    ),
    '',
  ]
}

function moves(t: ProjectTracking): string[] {
  return [
    '### Stage moves',
    marker('stage-moves'),
    row(MoveColumns),
    separator(['l', 'l', 'l', 'l', 'l']),
    ...t.moves.map((m) =>
      row([stageLabel(m.from), stageLabel(m.to), m.at, cell(m.by), cell(m.why)]),
    ),
    '',
  ]
}

function links(t: ProjectTracking): string[] {
  return [
    '### Hypotheses it links',
    marker('project-links'),
    row(LinkColumns),
    separator(['l', 'l']),
    ...t.links.map((l) => row([l.boardId, l.hypothesisId])),
    '',
  ]
}

type Section = MarkdownSection<ProjectContent, ProjectTracking>

/** Computed on every export from the record: nothing to read. */
const computed = (what: string): Section => ({ what, open: () => ({}) })

const recordSection: Section = {
  what: 'a project record',
  open(attrs, { index, fail, parse }) {
    let data: unknown
    try {
      data = decodeMarkerJson(attrs.data ?? '')
    } catch {
      fail(index, 'the project record is not readable')
    }
    const record = parse(index, ProjectTrackingSchema, data, 'project record')
    return {
      // The standing table's rows are computed; the record is what is read back.
      row: (_cells, _c, tracking) => void Object.assign(tracking, withoutCheckins(record)),
    }
  },
}

export const projectMarkdown: KindMarkdown<ProjectContent, ProjectTracking> = {
  owner: 'a project',
  export(content, tracking = emptyProjectTracking()) {
    return [
      ...fieldsTable(content, projectCanvas),
      ...standing(tracking),
      ...gates(tracking),
      ...moves(tracking),
      ...links(tracking),
      ...checkinSections(tracking),
      ...boxSections(content, projectCanvas),
    ]
  },
  sections: {
    'project-record': recordSection,
    'project-gates': computed('gate questions'),
    'stage-moves': computed('stage moves'),
    'project-links': computed('linked hypotheses'),
    ...checkinSectionReaders<ProjectContent, ProjectTracking>(),
  },
  // The line that says how the project ended is written from the record.
  skipLine: /^\*\*(Succeeded|Stopped)\*\* in /,
}
