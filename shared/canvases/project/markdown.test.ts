import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../../doc/canvasDoc.js'
import { exportCanvasMarkdown, type ExportCanvas } from '../../markdown/exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from '../../markdown/importMarkdown.js'
import { newId } from '../baseContent.js'
import { projectCanvas } from './definition.js'
import type { ProjectTracking } from './tracking.js'

const NOW = Date.parse('2026-03-10T12:00:00.000Z')
const Hostile = 'a | b <b>x</b> `c` \\ # --> **d**'

function project(): ExportCanvas {
  const c: ExportCanvas = emptyCanvas(projectCanvas.kind, `Churn | ${Hostile}`, newId())
  c.fields.owner = Hostile
  c.fields.problem = 'Customers leave | silently'
  c.boxes.ideationGoals = [{ id: newId(), text: Hostile }]
  c.boxes.dataCollectionOutputs = [{ id: newId(), text: 'Labelled set' }]
  const tracking: ProjectTracking = {
    stage: 'data-collection',
    moves: [
      {
        from: 'ideation',
        to: 'data-collection',
        at: '2026-03-02T09:00:00.000Z',
        by: Hostile,
        why: `Framed ${Hostile}`,
      },
    ],
    gates: {
      'ideation/needs-ml': {
        answer: 'yes',
        note: Hostile,
        by: 'Ada',
        at: '2026-03-01T09:00:00.000Z',
      },
      'data-collection/data-exists': {
        answer: 'not-yet',
        note: '',
        by: 'Bo',
        at: '2026-03-03T09:00:00.000Z',
      },
    },
    dates: {
      'data-collection': {
        estimatedStart: '2026-03-01',
        estimatedEnd: '2026-03-20',
        actualStart: '2026-03-02',
        actualEnd: null,
      },
    },
    links: [{ boardId: 'other-board', hypothesisId: 'hyp-000001' }],
    end: {
      outcome: 'stopped',
      stage: 'data-collection',
      why: `No labels ${Hostile}`,
      by: 'Ada',
      at: '2026-03-09T09:00:00.000Z',
    },
  }
  return { ...c, tracking }
}

describe('a project in markdown', () => {
  it('round-trips its fields, boxes and whole record byte for byte', () => {
    const canvas = project()
    const first = exportCanvasMarkdown(canvas, { now: NOW })
    const imported = importMarkdown(first)
    expect(imported.canvases).toEqual([canvas])
    expect(exportCanvasMarkdown(imported.canvases[0]!, { now: NOW })).toBe(first)
  })

  it('shows people the stage, the open gate questions, the moves and how it ended', () => {
    const md = exportCanvasMarkdown(project(), { now: NOW })
    expect(md).toContain('| Data collection | stopped | 2026-03-02T09:00:00.000Z | 2 |')
    expect(md).toContain('| Data collection | Does the data exist? | not-yet |')
    expect(md).toContain('| Ideation | Is the problem concrete and valuable? | open |')
    expect(md).toMatch(/\*\*Stopped\*\* in Data collection on 2026-03-09/)
    expect(md).toContain('| Ideation | Data collection | 2026-03-02T09:00:00.000Z |')
  })

  it('imports a new project with an empty record', () => {
    const canvas: ExportCanvas = emptyCanvas(projectCanvas.kind, 'Empty', newId())
    const imported = importMarkdown(exportCanvasMarkdown(canvas, { now: NOW }))
    expect(imported.canvases[0]!.tracking).toMatchObject({
      stage: 'ideation',
      moves: [],
      end: null,
    })
  })

  it('refuses a record that names a gate question the method does not ask', () => {
    const canvas = project()
    const md = exportCanvasMarkdown(canvas, { now: NOW })
    const bad = {
      ...canvas.tracking,
      gates: {
        'ideation/made-up': { answer: 'yes', note: '', by: 'A', at: '2026-03-01T09:00:00.000Z' },
      },
    }
    const encoded = btoa(JSON.stringify(bad))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    const tampered = md.replace(/project-record data="[^"]*"/, `project-record data="${encoded}"`)
    expect(() => importMarkdown(tampered)).toThrow(MarkdownImportError)
  })
})
