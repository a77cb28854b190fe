import type { Thread } from '../comments/comments.js'
import { commentsSection, type DescribeTarget } from './commentsSection.js'
import { getCanvasSpec, type CanvasContent, type CanvasTracking } from '../canvases/registry.js'
import type { DrawnContent } from '../doc/drawings.js'
import { drawingsSection } from './drawingsSection.js'
import { escapeInline } from './escape.js'
import { ExportMarker, marker } from './format.js'
import { boxSections, fieldsTable } from './tables.js'

/** A canvas to export, with what its kind tracks (a hypothesis's status, measurements, …). */
export type ExportCanvas = CanvasContent & { tracking?: CanvasTracking }

export interface ExportOptions {
  /** The time the verdict is judged at; now by default. */
  now?: number
}

/** The section of one canvas (without the export marker), lines ending in one blank line. */
export function canvasSection(content: ExportCanvas, options: ExportOptions = {}): string[] {
  const spec = getCanvasSpec(content.kind)
  const definition = spec.definition
  return [
    `## ${escapeInline(content.title)}`,
    marker('canvas', { id: content.id, kind: content.kind }),
    '',
    `> ${escapeInline(definition.label)} · ${escapeInline(definition.attribution)}`,
    '',
    ...(spec.markdown
      ? spec.markdown.export(content, content.tracking, options.now ?? Date.now())
      : [...fieldsTable(content, definition), ...boxSections(content, definition)]),
  ]
}

/** Markdown of one canvas. */
export function exportCanvasMarkdown(content: ExportCanvas, options: ExportOptions = {}): string {
  return [ExportMarker, '', ...canvasSection(content, options)].join('\n')
}

export interface BoardExportOptions extends ExportOptions {
  /** What people drew on the board (`readDrawings`); none by default. */
  drawings?: DrawnContent
  /** The board's comment threads and what they are pinned to; none by default. */
  comments?: BoardComments
}

/** A board's comment threads with a way to name what each is pinned to. */
export interface BoardComments {
  threads: readonly Thread[]
  describe: DescribeTarget
}

/** Markdown of a whole board: its title, every canvas, then what people drew. */
export function exportBoardMarkdown(
  title: string,
  canvases: readonly ExportCanvas[],
  options: BoardExportOptions = {},
): string {
  const now = options.now ?? Date.now()
  return [
    ExportMarker,
    '',
    `# ${escapeInline(title)}`,
    '',
    ...canvases.flatMap((c) => canvasSection(c, { now })),
    ...(options.drawings ? drawingsSection(options.drawings) : []),
    ...(options.comments
      ? commentsSection(options.comments.threads, options.comments.describe)
      : []),
  ].join('\n')
}
