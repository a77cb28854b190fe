import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../../doc/canvasDoc.js'
import { exportCanvasMarkdown } from '../../markdown/exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from '../../markdown/importMarkdown.js'
import type { CanvasContent } from '../schema.js'
import type { VsmContent } from './content.js'
import type { Step } from './step.js'

const step = (id: string, pt: number, lt: number, parallel = false): Step => ({
  id,
  name: `Step ${id}`,
  owner: 'Ops',
  processMinutes: pt,
  leadMinutes: lt,
  completeAccuratePct: 90,
  classification: 'value-adding',
  wastes: [],
  ...(parallel && { parallel: true as const }),
})

function map(extra: Partial<VsmContent>): CanvasContent {
  return { ...(emptyCanvas('vsm', 'Release', 'vsm-map-01') as VsmContent), ...extra }
}

const refusalOf = (md: string) => {
  try {
    importMarkdown(md)
  } catch (error) {
    if (error instanceof MarkdownImportError) return error.message
    throw error
  }
  throw new Error('the import should have failed')
}

describe('a value-stream map in markdown', () => {
  const parallelMap = map({
    current: [step('step-a1', 60, 120), step('step-b1', 30, 600), step('step-c1', 45, 90, true)],
    future: [step('step-a2', 60, 60), step('step-b2', 30, 60, true)],
    displayUnit: 'hours',
  })

  it('round-trips parallel steps and the display unit', () => {
    const md = exportCanvasMarkdown(parallelMap)
    const imported = importMarkdown(md).canvases[0]
    expect(imported).toEqual(parallelMap)
    expect(exportCanvasMarkdown(imported!)).toBe(md)
  })

  it('marks a parallel step in its own column and says the display unit in words', () => {
    const md = exportCanvasMarkdown(parallelMap)
    expect(md).toContain('Durations are shown in hours.')
    expect(md).toMatch(/Step step-c1 <!-- step id="step-c1" -->.*\| with previous \|$/m)
    // The totals follow the critical path: 120 + 600 min, not 120 + 600 + 90.
    expect(md).toContain('| Total lead time | 720 min |')
  })

  it('has no display unit line when the team chose none', () => {
    const md = exportCanvasMarkdown(map({ current: [step('step-a1', 1, 2)], future: [] }))
    expect(md).not.toContain('Durations are shown in')
    expect(importMarkdown(md).canvases[0]).not.toHaveProperty('displayUnit')
  })

  it('reads a file from before parallel steps, whose rows have nine cells', () => {
    const md = exportCanvasMarkdown(map({ current: [step('step-a1', 1, 2)], future: [] }))
    const old = md
      .split('\n')
      .map((l) => (l.startsWith('| ') && l.includes('step') ? l.replace(/ [^|]* \|$/, '') : l))
      .map((l) => l.replace('| Wastes | Parallel |', '| Wastes |'))
      .join('\n')
    expect(old).not.toContain('Parallel')
    expect(importMarkdown(old).canvases[0]).toEqual(
      map({ current: [step('step-a1', 1, 2)], future: [] }),
    )
  })

  it('refuses an unknown display unit, saying which units it knows', () => {
    const md = exportCanvasMarkdown(parallelMap).replace('shown in hours.', 'shown in fortnights.')
    expect(refusalOf(md)).toMatch(
      /^line \d+: found "Durations are shown in fortnights\.", expected .* minutes, hours, days, weeks\.$/,
    )
  })

  it('refuses a step row with the wrong number of cells, with both counts', () => {
    const md = exportCanvasMarkdown(parallelMap).replace(/^\| 1 \| Step step-a1.*$/m, '| 1 | x |')
    expect(refusalOf(md)).toMatch(/^line \d+: a step row needs 10 cells, found 2\.$/)
  })

  it('refuses a lead time under the process time, naming the value found', () => {
    const md = exportCanvasMarkdown(map({ current: [step('step-a1', 60, 120)], future: [] }))
    const bad = md.replace(/(step-a1" --> \| Ops \| 60 \| )120/, '$130')
    expect(bad).not.toBe(md)
    expect(refusalOf(bad)).toMatch(/lead time must be at least the process time, found 30\.$/)
  })
})
