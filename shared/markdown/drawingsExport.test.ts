import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, readAllCanvases, writeCanvas } from '../doc/canvasDoc.js'
import { readDrawings } from '../doc/drawings.js'
import { encodeRecord, getTldrawRecords } from '../doc/layout.js'
import { exportBoardMarkdown } from './exportMarkdown.js'
import { importMarkdown } from './importMarkdown.js'

const PAGE = 'page:page'
const ANN = 'a'.repeat(32)
const BO = 'b'.repeat(32)
const names = new Map([
  [ANN, 'Ann'],
  [BO, 'Bo <b>'],
])
const authorName = (id: string) => names.get(id)

/** A board document as screens write it: each tldraw record as JSON text in the `tldraw` map. */
class BoardBuilder {
  readonly doc = new Y.Doc()
  private index = 0

  constructor() {
    this.put({ typeName: 'page', id: PAGE, name: 'Page 1', index: 'a1', meta: {} })
  }

  put(record: { id: string } & Record<string, unknown>) {
    getTldrawRecords(this.doc).set(record.id, encodeRecord(record))
    return record.id
  }

  shape(
    type: string,
    id: string,
    at: { parent?: string; x: number; y: number; rotation?: number },
    props: Record<string, unknown>,
    by?: string,
  ) {
    return this.put({
      typeName: 'shape',
      id: `shape:${id}`,
      type,
      parentId: at.parent ?? PAGE,
      x: at.x,
      y: at.y,
      rotation: at.rotation ?? 0,
      index: `a${++this.index}`,
      isLocked: false,
      opacity: 1,
      props,
      meta: by ? { createdBy: by, createdAt: 1_700_000_000_000 } : {},
    })
  }

  note(id: string, text: string, at: { parent?: string; x: number; y: number }, by?: string) {
    return this.shape('note', id, at, { richText: toRichText(text), growY: 0, scale: 1 }, by)
  }

  frame(id: string, name: string, at: { parent?: string; x: number; y: number }, h = 600) {
    return this.shape('frame', id, at, { w: 1000, h, name, color: 'black' })
  }

  arrow(
    id: string,
    ends: { from?: string; to?: string },
    { label = '', parent = PAGE, y = 0 }: { label?: string; parent?: string; y?: number } = {},
  ) {
    const arrow = this.shape('arrow', id, { parent, x: 0, y }, { richText: toRichText(label) })
    for (const [terminal, to] of [
      ['start', ends.from],
      ['end', ends.to],
    ] as const) {
      if (!to) continue
      this.put({
        typeName: 'binding',
        id: `binding:${id}-${terminal}`,
        type: 'arrow',
        fromId: arrow,
        toId: to,
        props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        meta: {},
      })
    }
  }

  export(title = 'Retro') {
    return exportBoardMarkdown(title, readAllCanvases(this.doc), {
      now: 0,
      drawings: readDrawings(this.doc, { authorName }),
    })
  }
}

/** Frames with stickies, a nested frame, a text, labelled and unlabelled shapes, arrows. */
function retroBoard() {
  const b = new BoardBuilder()
  const problems = b.frame('problems', 'Problems', { x: 0, y: 0 })
  // Written out of order: the export reads them top to bottom, left to right.
  const pricey = b.note('pricey', 'Too pricey', { parent: problems, x: 300, y: 80 }, BO)
  b.note('slow', 'Slow\nonboarding', { parent: problems, x: 40, y: 320 })
  const forget = b.note('forget', 'Users forget', { parent: problems, x: 40, y: 60 }, ANN)
  b.shape(
    'text',
    'top',
    { parent: problems, x: 500, y: 10 },
    { richText: toRichText('Top issues') },
  )
  b.note('blank', '  ', { parent: problems, x: 700, y: 60 })
  b.arrow('forget-pricey', { from: forget, to: pricey }, { parent: problems, y: 100 })

  const causes = b.frame('causes', 'Root causes', { parent: problems, x: 600, y: 300 }, 250)
  const habit = b.shape(
    'geo',
    'habit',
    { parent: causes, x: 20, y: 40 },
    { geo: 'rectangle', w: 100, h: 60, growY: 0, richText: toRichText('Habit') },
  )
  b.shape(
    'geo',
    'box',
    { parent: causes, x: 200, y: 40 },
    { w: 100, h: 60, richText: toRichText('') },
  )

  b.frame('empty', 'Empty', { x: 0, y: 2000 })
  const unnamed = b.frame('unnamed', '', { x: 1200, y: 0 }, 300)
  const group = b.shape('group', 'group', { parent: unnamed, x: 100, y: 100 }, {})
  b.note('grouped', 'In a group', { parent: group, x: 10, y: 10 }, ANN)

  b.shape('text', 'hostile', { x: 400, y: 700 }, { richText: toRichText('# not *heading*') })
  const loose = b.note('loose', 'Loose idea', { x: 0, y: 710 }, ANN)
  b.arrow('loose-forget', { from: loose, to: forget }, { label: 'causes', y: 900 })
  b.arrow('habit-loose', { from: habit, to: loose }, { y: 950 })
  b.arrow('dangling', { from: loose }, { label: 'nowhere', y: 1000 })
  return b
}

const RetroMarkdown = `<!-- discovery-board export version="1" -->

# Retro

## Stickies and shapes
<!-- drawings -->

### Problems

- Top issues
- Users forget — Ann
- Too pricey — Bo \\<b\\>
- Slow<br>onboarding
- Users forget → Too pricey

#### Root causes

- Habit

### Frame

- In a group — Ann

### Outside frames

- Loose idea — Ann
- \\# not \\*heading\\*
- Loose idea → Users forget (causes)
- Habit → Loose idea
`

describe('the board export lists what people drew', () => {
  it('groups stickies, texts and labelled shapes under their frames in reading order, with authors and arrows', () => {
    expect(retroBoard().export()).toBe(RetroMarkdown)
  })

  it('writes the same file whatever order the records were written in', () => {
    const first = retroBoard()
    const copy = new BoardBuilder()
    const records = [...getTldrawRecords(first.doc).entries()].reverse()
    for (const [id, value] of records) getTldrawRecords(copy.doc).set(id, value)
    expect(copy.export()).toBe(RetroMarkdown)
  })

  it('lists a board without frames directly under the section, with no "Outside frames"', () => {
    const b = new BoardBuilder()
    b.note('one', 'Hello', { x: 0, y: 0 }, 'someone-never-seen')
    expect(b.export('Plain')).toBe(
      `<!-- discovery-board export version="1" -->

# Plain

## Stickies and shapes
<!-- drawings -->

- Hello
`,
    )
  })

  it('writes only the title for an empty board, or one whose frames and stickies hold no text', () => {
    const title = '<!-- discovery-board export version="1" -->\n\n# Empty\n'
    expect(new BoardBuilder().export('Empty')).toBe(title)
    const b = new BoardBuilder()
    b.frame('frame', 'Nothing here', { x: 0, y: 0 })
    b.note('blank', '', { parent: 'shape:frame', x: 10, y: 10 })
    expect(b.export('Empty')).toBe(title)
  })

  it('places children of a rotated frame where they are seen', () => {
    const b = new BoardBuilder()
    // Turned a quarter clockwise: the child's x runs down the page.
    const turned = b.shape(
      'frame',
      'turned',
      { x: 500, y: 0, rotation: Math.PI / 2 },
      { w: 600, h: 300, name: 'Turned' },
    )
    b.note('second', 'Second', { parent: turned, x: 400, y: 0 })
    // Unturned, this one would be lower on the page; turned, it is the top one.
    b.note('first', 'First', { parent: turned, x: 0, y: 300 })
    expect(b.export()).toContain('### Turned\n\n- First\n- Second\n')
  })

  it('names a canvas at the end of an arrow by its title, and does not list the canvas again', () => {
    const b = new BoardBuilder()
    const canvas = emptyCanvas('lean', 'Lean plan', 'canvasLean01')
    writeCanvas(b.doc, canvas)
    const shape = b.shape(
      'canvas',
      'canvas-canvasLean01',
      { x: 0, y: 0 },
      { canvasId: canvas.id, kind: 'lean', w: 800, h: 600 },
    )
    const note = b.note('idea', 'Idea', { x: 1000, y: 0 })
    b.arrow('idea-canvas', { from: note, to: shape }, { label: 'goes into' })
    const md = b.export()
    expect(md.match(/Lean plan/g)).toHaveLength(2)
    expect(md).toContain('## Lean plan\n<!-- canvas id="canvasLean01" kind="lean" -->')
    expect(md.endsWith('<!-- drawings -->\n\n- Idea\n- Idea → Lean plan (goes into)\n')).toBe(true)
  })

  it('skips records that are not what they claim, and shapes on no page', () => {
    const b = retroBoard()
    b.put({ typeName: 'shape', id: 'shape:bad', type: 'note', x: 'left' })
    b.note('orphan', 'Orphan', { parent: 'shape:missing', x: 0, y: 0 })
    b.note('loop-a', 'Loop A', { parent: 'shape:loop-b', x: 0, y: 0 })
    b.note('loop-b', 'Loop B', { parent: 'shape:loop-a', x: 0, y: 0 })
    getTldrawRecords(b.doc).set('shape:garbage', '{not json')
    // Stored under another key: screens do not read it as that shape, nor does the export.
    getTldrawRecords(b.doc).set(
      'shape:elsewhere',
      encodeRecord({
        ...JSON.parse(getTldrawRecords(b.doc).get('shape:forget') as string),
        id: 'shape:forget2',
      }),
    )
    expect(b.export()).toBe(RetroMarkdown)
  })
})

describe('importing a board export with drawings', () => {
  it('brings back its canvases and leaves the drawings out, whatever comes after them', () => {
    const b = retroBoard()
    writeCanvas(b.doc, emptyCanvas('lean', 'Lean plan', 'canvasLean01'))
    const md = b.export()
    const imported = importMarkdown(md)
    expect(imported.title).toBe('Retro')
    expect(imported.canvases.map((c) => c.id)).toEqual(['canvasLean01'])

    const header = md.slice(0, md.indexOf('## Lean plan'))
    const canvasPart = md.slice(header.length, md.indexOf('## Stickies and shapes'))
    const drawings = md.slice(header.length + canvasPart.length)
    // A hand-edited file with the drawings before a canvas imports the same.
    expect(importMarkdown(`${header}${drawings}\n${canvasPart}`).canvases).toEqual(
      imported.canvases,
    )
    // The drawings are for reading: the imported board exports without them.
    expect(`${exportBoardMarkdown('Retro', imported.canvases, { now: 0 })}\n`).toBe(
      header + canvasPart,
    )
  })
})
