import type { FieldDefinition } from '../../../shared/canvases/types'
import { getCanvasFieldText, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { useCanvasText } from './useCanvasText'
import { YTextInput } from './YTextInput'
import './CanvasFields.css'

/** A labelled single-line field of a canvas (a header field such as "Designed by"). */
export function CanvasField({ canvas, field }: { canvas: CanvasMap; field: FieldDefinition }) {
  const text = useCanvasText(canvas, (c) => getCanvasFieldText(c, field.key))
  return (
    <label className="canvas-field" data-field-key={field.key}>
      <span className="canvas-field-label">{field.label}</span>
      {text && (
        <YTextInput
          className="canvas-field-input"
          text={text}
          singleLine
          placeholder={field.prompt}
          maxLength={2000}
        />
      )}
    </label>
  )
}

/** A row of header fields. */
export function CanvasFields({
  canvas,
  fields,
}: {
  canvas: CanvasMap
  fields: readonly FieldDefinition[]
}) {
  return (
    <div className="canvas-fields">
      {fields.map((field) => (
        <CanvasField key={field.key} canvas={canvas} field={field} />
      ))}
    </div>
  )
}
