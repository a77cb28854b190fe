import type { MetricLink } from '../canvases/baseContent.js'
import type { CanvasDefinition } from '../canvases/canvasDefinition.js'
import { escapeCell, escapeInline } from './escape.js'
import { marker } from './format.js'

/** Pieces of the markdown export every kind writes its sections with. */
export const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
export const separator = (aligns: readonly ('l' | 'r')[]) =>
  `|${aligns.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`
export const cell = (text: string | null) => escapeCell(text ?? '')

interface Texts {
  fields: Record<string, string>
  boxes: Record<string, { id: string; text: string; metric?: MetricLink }[]>
}

/** The fields of a canvas as a two-column table (none when its kind has no fields). */
export function fieldsTable(content: Texts, definition: CanvasDefinition): string[] {
  if (definition.fields.length === 0) return []
  return [
    marker('fields'),
    row(['Field', 'Value']),
    separator(['l', 'l']),
    ...definition.fields.map((f) =>
      row([
        `${cell(f.label)} ${marker('field', { key: f.key })}`,
        cell(content.fields[f.key] ?? ''),
      ]),
    ),
    '',
  ]
}

/** One box as a heading and a list, each item with its id. */
export function boxSection(content: Texts, key: string, label: string): string[] {
  const items = content.boxes[key] ?? []
  return [
    `### ${escapeInline(label)}`,
    marker('box', { key }),
    ...items.map((item) => `- ${escapeInline(item.text)} ${marker('item', itemAttrs(item))}`),
    '',
  ]
}

/** An item's marker attributes: its id, and the metric it links to (`canvas`, `metric`). */
const itemAttrs = (item: { id: string; metric?: MetricLink }): Record<string, string> =>
  item.metric
    ? { id: item.id, canvas: item.metric.canvasId, metric: item.metric.metricKey }
    : { id: item.id }

/** Every box of a canvas in its kind's order. */
export const boxSections = (content: Texts, definition: CanvasDefinition) =>
  definition.boxes.flatMap((b) => boxSection(content, b.key, b.label))
