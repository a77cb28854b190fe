import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../doc/canvasDoc.js'
import type { CanvasContent } from '../canvases/schema.js'
import { exportBoardMarkdown } from './exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from './importMarkdown.js'

const link = { canvasId: 'hypo-0001', metricKey: 'conversion' }

function canvases(): CanvasContent[] {
  const lean = emptyCanvas('lean', 'Shop', 'lean-0001')
  const ml = emptyCanvas('ml', 'Recommender', 'ml-00001')
  lean.boxes.keyMetrics = [
    { id: 'item-00001', text: 'Conversion', metric: link },
    { id: 'item-00002', text: 'Not linked' },
  ]
  ml.boxes.monitoring = [{ id: 'item-00003', text: 'Click-through', metric: link }]
  return [lean, ml]
}

describe('metric links in markdown', () => {
  it('round-trips a linked Lean key metric and ML monitoring item', () => {
    const md = exportBoardMarkdown('Board', canvases(), { now: 0 })
    expect(md).toContain(
      '- Conversion <!-- item id="item-00001" canvas="hypo-0001" metric="conversion" -->',
    )
    expect(md).toContain('- Not linked <!-- item id="item-00002" -->')
    const imported = importMarkdown(md)
    expect(imported.canvases).toEqual(canvases())
    expect(exportBoardMarkdown('Board', imported.canvases, { now: 0 })).toBe(md)
  })

  it('refuses a link without its metric, naming the line and what it expected', () => {
    const md = exportBoardMarkdown('Board', canvases(), { now: 0 })
    const lines = md.split('\n')
    const at = lines.findIndex((l) => l.includes('item-00003'))
    lines[at] = lines[at]!.replace(' metric="conversion"', '')
    try {
      importMarkdown(lines.join('\n'))
      expect.unreachable('the import should fail')
    } catch (error) {
      expect(error).toBeInstanceOf(MarkdownImportError)
      expect((error as Error).message).toMatch(
        new RegExp(
          `^line ${at + 1}: metric link \\(canvas="…" metric="…"\\): metricKey .*found nothing\\.$`,
        ),
      )
    }
  })
})
