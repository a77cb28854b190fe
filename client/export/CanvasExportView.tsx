import type { CSSProperties, ReactElement } from 'react'
import * as Y from 'yjs'
import { getCanvasSpec, type CanvasKind } from '../../shared/canvases/registry'
import type { BoxDefinition, CanvasDefinition } from '../../shared/canvases/types'
import { readCanvas } from '../../shared/doc/canvasDoc'
import { getBoardCanvases } from '../../shared/doc/canvasMap'
import type { CanvasShape } from '../../shared/doc/canvasShape'
import { canvasSections, type CanvasSection } from './canvasSections'

/** The app's colours (client/ui/tokens.css), read where the board runs; these when absent. */
function palette(kind: CanvasKind) {
  const css = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
  return {
    font: read('--font', 'system-ui, sans-serif'),
    surface: read('--surface', '#ffffff'),
    border: read('--border', '#e3e6ea'),
    borderStrong: read('--border-strong', '#cfd4da'),
    text: read('--text', '#1b1f24'),
    muted: read('--text-muted', '#5f6b7a'),
    faint: read('--text-faint', '#8a94a3'),
    accent: read(`--${kind}-accent`, '#5f6b7a'),
    tint: read(`--${kind}-tint`, '#f3f4f6'),
    item: read(`--${kind}-item`, '#f8f9fa'),
  }
}
type Palette = ReturnType<typeof palette>

/**
 * A canvas as the board's image and PDF exports draw it: its card, title, fields and boxes laid
 * out as on the board, read from the document (the live view needs the board around it, which
 * an export does not have). Returned as HTML in a foreign object, which the PDF export turns
 * into vector text.
 */
export function canvasExportSvg(doc: Y.Doc | null, shape: CanvasShape): ReactElement | null {
  const map = doc ? getBoardCanvases(doc).get(shape.props.canvasId) : undefined
  const content = map instanceof Y.Map ? readCanvas(shape.props.canvasId, map) : undefined
  if (!map || !content) return null
  const spec = getCanvasSpec(content.kind)
  const { definition } = spec
  const colors = palette(content.kind)
  const sections = canvasSections(content, spec.tracking?.read(map), Date.now())
  const { w, h } = shape.props

  const areas = [...new Set(definition.layout.areas.flatMap((row) => row.split(/\s+/)))]
  const boxAreas = new Set(definition.boxes.map((b) => b.area))
  const freeAreas = areas.filter((area) => !boxAreas.has(area))
  // A kind whose fields form a sentence gives them an area of their own (the hypothesis's);
  // otherwise they are a header line (the ML canvas's "designed for", "designed by", …).
  const fieldsArea =
    definition.fields.length > 0 ? freeAreas.find((a) => !sectionFor(sections, a)) : undefined
  const fields = definition.fields.map((f) => ({
    label: f.label,
    value: content.fields[f.key] ?? '',
  }))

  return (
    <foreignObject x={0} y={0} width={w} height={h}>
      <div
        style={{
          boxSizing: 'border-box',
          display: 'flex',
          flexDirection: 'column',
          width: w,
          height: h,
          overflow: 'hidden',
          fontFamily: colors.font,
          color: colors.text,
          background: colors.surface,
          border: `1px solid ${colors.borderStrong}`,
          borderTop: `6px solid ${colors.accent}`,
          borderRadius: 14,
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 14, padding: '14px 18px 10px' }}>
          <span
            style={{
              padding: '4px 10px',
              fontSize: 12,
              fontWeight: 700,
              letterSpacing: '0.04em',
              textTransform: 'uppercase',
              color: colors.accent,
              background: colors.tint,
              borderRadius: 999,
            }}
          >
            {definition.label}
          </span>
          <span
            style={{
              fontSize: 28,
              fontWeight: 700,
              lineHeight: 1.25,
              color: content.title ? colors.text : colors.faint,
            }}
          >
            {content.title || definition.label}
          </span>
        </div>
        {!fieldsArea && fields.length > 0 && (
          <div
            style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px', padding: '0 18px 10px' }}
          >
            {fields.map((f) => (
              <span key={f.label} style={{ fontSize: 13 }}>
                <span style={{ color: colors.muted }}>{f.label}: </span>
                {f.value || '–'}
              </span>
            ))}
          </div>
        )}
        <div
          style={{
            flex: 1,
            minHeight: 0,
            display: 'grid',
            gap: 10,
            padding: '0 18px',
            gridTemplateColumns: `repeat(${definition.layout.columns}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${definition.layout.areas.length}, minmax(0, 1fr))`,
            gridTemplateAreas: definition.layout.areas.map((row) => `"${row}"`).join(' '),
          }}
        >
          {areas.map((area) => (
            <div key={area} style={areaStyle(area, colors)}>
              {area === fieldsArea ? (
                <Sentence fields={fields} colors={colors} />
              ) : boxAreas.has(area) ? (
                boxesIn(definition, area).map((box) => (
                  <Box
                    key={box.key}
                    box={box}
                    items={content.boxes[box.key] ?? []}
                    colors={colors}
                  />
                ))
              ) : (
                <Section section={sectionFor(sections, area)} colors={colors} />
              )}
            </div>
          ))}
        </div>
        <div style={{ padding: '8px 18px 10px', fontSize: 12, color: colors.faint }}>
          {definition.attribution}
        </div>
      </div>
    </foreignObject>
  )
}

const boxesIn = (definition: CanvasDefinition, area: string) =>
  definition.boxes.filter((b) => b.area === area)

/** The section a free area shows: the one whose heading starts with the area's name. */
const sectionFor = (sections: CanvasSection[], area: string) =>
  sections.find((s) => s.heading.toLowerCase().startsWith(area.toLowerCase()))

function areaStyle(area: string, colors: Palette): CSSProperties {
  return {
    gridArea: area,
    display: 'flex',
    flexDirection: 'column',
    gap: 10,
    minHeight: 0,
    overflow: 'hidden',
    padding: 12,
    background: colors.surface,
    border: `1px solid ${colors.border}`,
    borderRadius: 10,
  }
}

function Label({ children, colors }: { children: string; colors: Palette }) {
  return (
    <div style={{ fontSize: 13, fontWeight: 700, color: colors.accent, marginBottom: 6 }}>
      {children}
    </div>
  )
}

function Box({
  box,
  items,
  colors,
}: {
  box: BoxDefinition
  items: readonly { id: string; text: string }[]
  colors: Palette
}) {
  return (
    <div style={{ minHeight: 0 }}>
      <Label colors={colors}>{box.label}</Label>
      {items.length === 0 ? (
        <div style={{ fontSize: 12, color: colors.faint }}>{box.prompt}</div>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          {items.map((item) => (
            <div
              key={item.id}
              style={{
                padding: '6px 8px',
                fontSize: 14,
                lineHeight: 1.35,
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
                background: colors.item,
                border: `1px solid ${colors.border}`,
                borderRadius: 6,
              }}
            >
              {item.text}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}

function Sentence({
  fields,
  colors,
}: {
  fields: { label: string; value: string }[]
  colors: Palette
}) {
  return (
    <div style={{ fontSize: 16, lineHeight: 1.5 }}>
      {fields.map((f) => (
        <span key={f.label}>
          <span style={{ fontWeight: 700, color: colors.accent }}>{f.label} </span>
          {f.value || '…'}{' '}
        </span>
      ))}
    </div>
  )
}

function Section({ section, colors }: { section: CanvasSection | undefined; colors: Palette }) {
  if (!section) return null
  const [head, ...body] = section.rows
  return (
    <div style={{ minHeight: 0 }}>
      <Label colors={colors}>{section.heading}</Label>
      {section.isTable && head ? (
        <table style={{ borderCollapse: 'collapse', fontSize: 12, width: '100%' }}>
          <thead>
            <tr>
              {head.map((cell, i) => (
                <th key={i} style={cellStyle(colors, true)}>
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} style={cellStyle(colors, false)}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        section.rows.map((row, r) => (
          <div key={r} style={{ fontSize: 13 }}>
            {row.join(' ')}
          </div>
        ))
      )}
    </div>
  )
}

const cellStyle = (colors: Palette, head: boolean): CSSProperties => ({
  padding: '3px 6px',
  textAlign: 'left',
  fontWeight: head ? 700 : 400,
  color: head ? colors.muted : colors.text,
  borderBottom: `1px solid ${colors.border}`,
})
