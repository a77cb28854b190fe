import type { FieldDefinition } from '../../../shared/canvases/types'
import { getCanvasFieldText, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { useCanvasText } from './useCanvasText'
import { YTextInput } from './YTextInput'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import './CanvasFields.css'

/** A labelled single-line field of a canvas (a header field such as "Designed by"). */
export function CanvasField({
  canvasId,
  canvas,
  field,
}: {
  canvasId: string
  canvas: CanvasMap
  field: FieldDefinition
}) {
  const text = useCanvasText(canvas, (c) => getCanvasFieldText(c, field.key))
  const diff = useDiffAttributes(canvasId, { field: field.key })
  return (
    <label className="canvas-field" data-field-key={field.key} {...diff}>
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
  canvasId,
  canvas,
  fields,
}: {
  canvasId: string
  canvas: CanvasMap
  fields: readonly FieldDefinition[]
}) {
  return (
    <div className="canvas-fields">
      {fields.map((field) => (
        <CanvasField key={field.key} canvasId={canvasId} canvas={canvas} field={field} />
      ))}
    </div>
  )
}
