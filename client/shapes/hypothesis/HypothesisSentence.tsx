import { Fragment } from 'react'
import type { FieldDefinition } from '../../../shared/canvases/types'
import { getCanvasFieldText, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { useCanvasText } from '../canvas/useCanvasText'
import { YTextInput } from '../canvas/YTextInput'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import './HypothesisSentence.css'

/** Words after each slot, so the three slots read as one sentence. */
const after: Record<string, string> = {
  belief: '',
  expectedResult: '.',
  successSignal: '.',
}

/** "We believe that [belief] will result in [expectedResult]. We will know we've succeeded when [successSignal]." */
export function HypothesisSentence({
  canvasId,
  canvas,
  fields,
}: {
  canvasId: string
  canvas: CanvasMap
  fields: readonly FieldDefinition[]
}) {
  return (
    <section className="canvas-box hypothesis-sentence" aria-label="Hypothesis">
      <header className="canvas-box-header">
        <h3 className="canvas-box-title">Hypothesis</h3>
      </header>
      <p className="hypothesis-sentence-text">
        {fields.map((field) => (
          <Fragment key={field.key}>
            <span className="hypothesis-sentence-words">{field.label} </span>
            <SentenceSlot canvasId={canvasId} canvas={canvas} field={field} />
            {after[field.key] ?? ''}{' '}
          </Fragment>
        ))}
      </p>
    </section>
  )
}

function SentenceSlot({
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
  if (!text) return null
  return (
    <YTextInput
      className="hypothesis-slot"
      data-field-key={field.key}
      {...diff}
      text={text}
      singleLine
      aria-label={`${field.label} …`}
      placeholder={field.prompt}
      maxLength={2000}
    />
  )
}
