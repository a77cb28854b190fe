import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../doc/canvasDoc.js'
import type { CanvasContent } from '../canvases/schema.js'
import { exportCanvasMarkdown } from './exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from './importMarkdown.js'

const metric = {
  id: 'metric-000001',
  key: 'conversion',
  name: 'Conversion',
  kind: 'success' as const,
  unit: '%',
  direction: 'increase' as const,
  baseline: { value: 4, at: null, source: null },
  target: { value: 5 },
  tolerance: null,
}

function hypothesisLines(): string[] {
  const c = emptyCanvas('hypothesis', 'Checkout', 'canvas-0001')
  return exportCanvasMarkdown({ ...c, metrics: [metric] } as CanvasContent).split('\n')
}

/** The refusal of a file whose line `at` is replaced, with its 1-based line. */
function refusal(lines: string[], at: number, replacement: string) {
  const copy = [...lines]
  copy[at] = replacement
  try {
    importMarkdown(copy.join('\n'))
  } catch (error) {
    if (error instanceof MarkdownImportError) return { line: error.line, message: error.message }
    throw error
  }
  throw new Error('the import should have failed')
}

describe('when an import is refused', () => {
  it('says how many cells a metric row needs and how many it found', () => {
    const lines = hypothesisLines()
    const at = lines.findIndex((l) => l.includes('<!-- metric id='))
    expect(refusal(lines, at, '| a | b | c |')).toEqual({
      line: at + 1,
      message: `line ${at + 1}: a metric row needs 10 cells, found 3.`,
    })
  })

  it('quotes what it found where the export marker should be', () => {
    const lines = hypothesisLines()
    expect(refusal(lines, 0, '# My notes').message).toBe(
      'line 1: found "# My notes", expected the export marker <!-- discovery-board export version="1" --> first.',
    )
  })

  it('names the value a metric cell holds when it is not a number', () => {
    const lines = hypothesisLines()
    const at = lines.findIndex((l) => l.includes('<!-- metric id='))
    const message = refusal(lines, at, lines[at]!.replace('| 4 |', '| four |')).message
    expect(message).toMatch(new RegExp(`^line ${at + 1}: metric: baseline.value .*found`))
  })

  it('lists the kinds it knows for an unknown canvas kind', () => {
    const lines = hypothesisLines()
    const at = lines.findIndex((l) => l.includes('<!-- canvas id='))
    const message = refusal(
      lines,
      at,
      lines[at]!.replace('kind="hypothesis"', 'kind="swot"'),
    ).message
    expect(message).toMatch(/canvas kind "swot" is not one of .*hypothesis.*vsm/)
  })

  it('quotes a stray line and says what may stand there', () => {
    const lines = hypothesisLines()
    const at = lines.findIndex((l) => l.startsWith('<!-- metrics'))
    const message = refusal(lines, at + 1, 'just some words').message
    expect(message).toBe(
      `line ${at + 2}: found "just some words", expected a table row, a list item or a marker.`,
    )
  })
})
