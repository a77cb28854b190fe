import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../doc/canvasDoc.js'
import type { CanvasContent } from '../canvases/schema.js'
import { escapeInline, unescapeInline } from './escape.js'
import { exportBoardMarkdown, exportCanvasMarkdown } from './exportMarkdown.js'
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

function hostileCanvas(kind: CanvasContent['kind']): CanvasContent {
  const c = emptyCanvas(kind, `${kind} | ${HOSTILE[3]}`, id())
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
      const first = exportCanvasMarkdown(canvas)
      const imported = importMarkdown(first)
      expect(imported.canvases).toHaveLength(1)
      expect(imported.canvases[0]).toEqual({
        ...canvas,
        fields: Object.fromEntries(
          Object.entries(canvas.fields).map(([k, v]) => [k, v.replace(/\r\n?/g, '\n')]),
        ),
        boxes: Object.fromEntries(
          Object.entries(canvas.boxes).map(([k, items]) => [
            k,
            items.map((it) => ({ ...it, text: it.text.replace(/\r\n?/g, '\n') })),
          ]),
        ),
      })
      expect(exportCanvasMarkdown(imported.canvases[0]!)).toBe(first)
    },
  )

  it('round-trips a whole board with every kind', () => {
    const canvases = (['hypothesis', 'ml', 'lean', 'vsm'] as const).map(hostileCanvas)
    const first = exportBoardMarkdown('Board # | <b>', canvases)
    const imported = importMarkdown(first)
    expect(imported.title).toBe('Board # | <b>')
    expect(exportBoardMarkdown(imported.title!, imported.canvases)).toBe(first)
  })

  it('writes the value-stream figures of the worked example', () => {
    const c = hostileCanvas('vsm')
    const md = exportCanvasMarkdown(c)
    expect(md).toContain('| Activity ratio | 9.7 % |')
    expect(md).toContain('| Rolled %C&A | 68.4 % |')
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
