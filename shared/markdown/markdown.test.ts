import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../doc/canvasDoc.js'
import type { HypothesisTracking } from '../canvases/hypothesis/tracking.js'
import type { CanvasContent } from '../canvases/schema.js'
import { escapeCell, escapeInline, unescapeInline } from './escape.js'
import { exportBoardMarkdown, exportCanvasMarkdown, type ExportCanvas } from './exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from './importMarkdown.js'

const HOSTILE = [
  'pipe | in | cells',
  '# not a heading',
  '`code` and ```fences```',
  '<script>alert(1)</script> & &amp; <br>',
  'two\nlines\r\nand three',
  'emoji 🚀👩🏽‍💻 and ünïcödé',
  '- looks like a list',
  '1. looks ordered',
  '**bold** _em_ ~~strike~~ [link](http://x) ![img](y)',
  'back\\slash \\| escaped pipe',
  '<!-- item id="fake-id-1" -->',
  '> quote',
  '   spaced   ',
  '',
]

let counter = 0
const id = () => `id-${String(++counter).padStart(6, '0')}`

/** A deep copy with every CR LF or lone CR in a string turned into LF. */
const withLf = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/\\r(\\n)?/g, '\\n'))

const NOW = Date.parse('2026-11-05T12:00:00.000Z')

/** Everything a running-then-decided hypothesis tracks, with hostile text wherever people type. */
function hostileTracking(c: ExportCanvas): HypothesisTracking {
  const [conversion, latency] = c.metrics!
  const lessons = c.boxes.lessons!.map((item, i) => ({
    id: item.id,
    text: item.text,
    // An item typed before lessons were dated has neither date nor author.
    at: i === 0 ? null : `2026-11-0${(i % 5) + 3}T10:00:00.000Z`,
    by: i === 0 ? '' : HOSTILE[i % HOSTILE.length]!,
  }))
  return {
    status: 'decided',
    timebox: { start: '2026-11-01T09:00:00.000Z', end: '2026-11-08T09:00:00.000Z', days: 7 },
    measurements: [
      ...[0.1 + 0.2, -5, 1e-7, 1e21, 5.25, 4.1].map((value, i) => ({
        id: i === 0 ? 'id | with <b>pipe</b> & `tick`' : `m-${i}`,
        metric: 'conversion',
        value,
        at: `2026-11-0${i + 1}T00:00:00.000Z`,
        source: i % 2 === 0 ? null : HOSTILE[i]!,
        baseline: i === 5,
        recordedAt: '2026-11-07T00:00:00.000Z',
        by: HOSTILE[i + 4]!,
      })),
      {
        id: 'lat-1',
        metric: 'p95_latency',
        value: 190,
        at: '2026-11-02T00:00:00.000Z',
        source: 'apm',
        baseline: false,
        recordedAt: '2026-11-02T00:00:00.000Z',
        by: 'pipeline',
      },
    ],
    amendments: [
      {
        id: id(),
        metric: 'conversion',
        at: '2026-11-03T08:00:00.000Z',
        by: HOSTILE[3]!,
        reason: HOSTILE[4]!,
        before: { ...conversion!, target: { value: 6 } },
        after: conversion!,
      },
      {
        id: id(),
        metric: 'dropped',
        at: '2026-11-03T08:00:00.000Z',
        by: 'Ana 🚀',
        reason: 'not measurable',
        before: { ...latency!, key: 'dropped', name: '"quoted" -->' },
        after: null,
      },
    ],
    decision: {
      decision: 'pivot',
      rationale: HOSTILE[2]!,
      by: HOSTILE[0]!,
      at: '2026-11-08T10:00:00.000Z',
    },
    lessons,
    predecessor: 'previous-hypothesis',
    successor: 'next-hypothesis',
    history: [],
  }
}

function hostileCanvas(kind: CanvasContent['kind']): ExportCanvas {
  const c: ExportCanvas = emptyCanvas(kind, `${kind} | ${HOSTILE[3]}`, id())
  for (const key of Object.keys(c.fields))
    c.fields[key] = HOSTILE[(key.length * 7) % HOSTILE.length]!
  for (const key of Object.keys(c.boxes)) c.boxes[key] = HOSTILE.map((text) => ({ id: id(), text }))
  if (kind === 'hypothesis') {
    c.metrics = [
      {
        id: id(),
        key: 'conversion',
        name: 'Checkout | conversion <b>',
        kind: 'success',
        unit: '%',
        direction: 'increase',
        baseline: { value: 4.1, at: '2026-11-01', source: 'dash|board' },
        target: { value: 5.25 },
        tolerance: null,
      },
      {
        id: id(),
        key: 'p95_latency',
        name: 'Latency',
        kind: 'guardrail',
        unit: 'ms',
        direction: 'decrease',
        baseline: { value: 180, at: null, source: null },
        target: { value: null },
        tolerance: 20,
      },
    ]
  }
  if (kind === 'hypothesis') c.tracking = hostileTracking(c)
  if (kind === 'vsm') {
    const step = (name: string, pt: number, lt: number, ca: number) => ({
      id: id(),
      name,
      owner: HOSTILE[0]!,
      processMinutes: pt,
      leadMinutes: lt,
      completeAccuratePct: ca,
      classification: 'value-adding' as const,
      wastes: ['waiting' as const, 'under-utilised talent' as const],
    })
    c.current = [
      step('A | intake', 120, 480, 90),
      step(HOSTILE[3]!, 60, 1440, 80),
      step('C', 240, 2400, 95),
    ]
    c.future = [step('A', 120, 240, 95)]
  }
  return c
}

describe('escaping', () => {
  it.each(HOSTILE)('unescape(escape(%j)) gives the text back', (text) => {
    expect(unescapeInline(escapeInline(text))).toBe(text.replace(/\r\n?/g, '\n'))
  })

  it.each(HOSTILE)('keeps the edge spaces of %j in a table cell', (text) => {
    const out = escapeCell(text)
    expect(out).toBe(out.trim())
    expect(unescapeInline(out)).toBe(text.replace(/\r\n?/g, '\n'))
  })

  it('leaves no raw HTML, pipe, heading or newline in escaped text', () => {
    for (const text of HOSTILE) {
      const out = escapeInline(text)
      expect(out).not.toMatch(/(?<!\\)<(?!br>)/)
      expect(out).not.toMatch(/(?<!\\)\|/)
      expect(out).not.toMatch(/^#/)
      expect(out).not.toContain('\n')
    }
  })
})

describe('markdown export and import', () => {
  it.each(['hypothesis', 'ml', 'lean', 'vsm'] as const)(
    'round-trips a %s canvas with hostile text byte for byte',
    (kind) => {
      const canvas = hostileCanvas(kind)
      const first = exportCanvasMarkdown(canvas, { now: NOW })
      const imported = importMarkdown(first)
      expect(imported.canvases).toHaveLength(1)
      // Every typed text comes back as typed, except that CR LF and CR become LF.
      expect(imported.canvases[0]).toEqual(withLf(canvas))
      expect(exportCanvasMarkdown(imported.canvases[0]!, { now: NOW })).toBe(first)
    },
  )

  it('round-trips a whole board with every kind', () => {
    const canvases = (['hypothesis', 'ml', 'lean', 'vsm'] as const).map(hostileCanvas)
    const first = exportBoardMarkdown('Board # | <b>', canvases, { now: NOW })
    const imported = importMarkdown(first)
    expect(imported.title).toBe('Board # | <b>')
    expect(exportBoardMarkdown(imported.title!, imported.canvases, { now: NOW })).toBe(first)
  })

  it('writes the value-stream figures of the worked example', () => {
    const c = hostileCanvas('vsm')
    const md = exportCanvasMarkdown(c)
    expect(md).toContain('| Activity ratio | 9.7 % |')
    expect(md).toContain('| Rolled %C&A | 68.4 % |')
  })

  describe('a hypothesis', () => {
    const md = () => exportCanvasMarkdown(hostileCanvas('hypothesis'), { now: NOW })

    it('carries its status, time box, verdict and links', () => {
      const out = md()
      expect(out).toContain('| Status | decided |')
      expect(out).toContain('| Time box ends | 2026-11-08T09:00:00.000Z |')
      expect(out).toMatch(/\| Verdict \| supported: Every success criterion meets its target/)
      expect(out).toContain('| Followed by | next-hypothesis |')
    })

    it('summarises the measurements per metric, leaving baselines out', () => {
      expect(md()).toContain(
        '| conversion | 5 | 0.30000000000000004 | 2026-11-01T00:00:00.000Z | 5.25 | 2026-11-05T00:00:00.000Z | 5.25 |',
      )
      expect(md()).toContain('<details><summary>Every measurement (7)</summary>')
    })

    it('carries the amendments, the decision and the dated lessons', () => {
      const out = md()
      expect(out).toContain('baseline 4.1, target 6 → baseline 4.1, target 5.25')
      expect(out).toMatch(/\| pivot \| \\`code\\` and /)
      expect(out).toMatch(/\| 2026-11-04T10:00:00\.000Z \| .* \| \\# not a heading <!-- lesson/)
    })

    it('judges the verdict as of the export', () => {
      const c = hostileCanvas('hypothesis')
      c.tracking = { ...c.tracking!, measurements: [], status: 'running' }
      const during = exportCanvasMarkdown(c, { now: Date.parse('2026-11-08T09:00:00.000Z') - 1 })
      const after = exportCanvasMarkdown(c, { now: Date.parse('2026-11-08T09:00:00.000Z') })
      expect(during).toContain('| Verdict | pending:')
      expect(after).toContain('| Verdict | inconclusive:')
    })

    it('imports an export written before hypotheses were tracked as a draft', () => {
      const c = hostileCanvas('hypothesis')
      const { tracking: _, ...plain } = c
      const { id, title, fields, boxes } = plain
      const old = exportCanvasMarkdown({ id, kind: 'lean', title, fields, boxes })
        .replace('kind="lean"', 'kind="hypothesis"')
        .split('\n')
      // A hand-made section in the version-1 layout: a sentence and boxes only.
      const imported = importMarkdown(
        [
          ...old.slice(0, 6),
          '<!-- sentence -->',
          "**We believe that** a **will result in** b **We will know we've succeeded when** c",
          '',
          '### Lessons learned',
          '<!-- box key="lessons" -->',
          '- typed by hand <!-- item id="lesson-by-hand" -->',
        ].join('\n'),
      )
      expect(imported.canvases[0]!.tracking).toMatchObject({ status: 'draft', measurements: [] })
      expect(imported.canvases[0]!.boxes.lessons).toEqual([
        { id: 'lesson-by-hand', text: 'typed by hand' },
      ])
    })

    it.each([
      ['an unknown status', (l: string) => l.replace('| Status | decided |', '| Status | done |')],
      [
        'a measurement that is not a number',
        (l: string) =>
          l.replace(
            '| 5.25 | 2026-11-05T00:00:00.000Z | no |',
            '| x | 2026-11-05T00:00:00.000Z | no |',
          ),
      ],
      ['a decision nobody knows', (l: string) => l.replace('| pivot |', '| shrug |')],
      ['a broken amendment', (l: string) => l.replace(/before="[^"]*"/, 'before="!!"')],
    ])('refuses %s and names its line', (_n, mutate) => {
      const lines = md().split('\n')
      const index = lines.findIndex((l) => mutate(l) !== l)
      expect(index).toBeGreaterThan(0)
      lines[index] = mutate(lines[index]!)
      try {
        importMarkdown(lines.join('\n'))
        expect.unreachable('import should fail')
      } catch (error) {
        expect((error as MarkdownImportError).line).toBe(index + 1)
      }
    })
  })

  it('credits the method in every export', () => {
    expect(exportCanvasMarkdown(emptyCanvas('ml', 'x', 'abcdef1'))).toContain(
      'Machine Learning Canvas v1.1, by Louis Dorard, ownml.co, CC BY-SA 4.0',
    )
  })

  describe('when the file is malformed', () => {
    const good = () => exportCanvasMarkdown(hostileCanvas('hypothesis')).split('\n')
    it.each([
      ['no export marker', (l: string[]) => l.slice(1), 1],
      [
        'an unknown canvas kind',
        (l: string[]) => l.map((x) => x.replace('kind="hypothesis"', 'kind="swot"')),
        4,
      ],
      [
        'a list item without its id',
        (l: string[]) => l.map((x) => (x.startsWith('- pipe') ? '- pipe' : x)),
        -1,
      ],
      [
        'a metric that is not a number',
        (l: string[]) => l.map((x) => x.replace('| 5.25 |', '| lots |')),
        -1,
      ],
      ['a stray line', (l: string[]) => [...l.slice(0, 8), 'hello there', ...l.slice(8)], 9],
    ])('refuses %s and names the line', (_name, mutate, expectedLine) => {
      const lines = mutate(good())
      try {
        importMarkdown(lines.join('\n'))
        expect.unreachable('import should fail')
      } catch (error) {
        expect(error).toBeInstanceOf(MarkdownImportError)
        const line = (error as MarkdownImportError).line
        if (expectedLine > 0) expect(line).toBe(expectedLine)
        else expect(line).toBeGreaterThan(1)
      }
    })
  })
})
