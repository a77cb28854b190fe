import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { canvasDefinitions } from '../../shared/canvases/registry'
import { CanvasKinds } from '../../shared/canvases/schema'
import { insertCanvas } from '../shapes/canvas/insertCanvas'
import { Menu, MenuItem } from '../ui/Menu'
import './TemplatePicker.css'

/** A menu of the canvas templates; choosing one inserts that canvas where the view is. */
export function TemplatePicker({ editor, doc }: { editor: Editor; doc: Y.Doc }) {
  return (
    <Menu
      label="Insert a canvas"
      className="template-menu"
      trigger={
        <button
          type="button"
          className="button button-small button-primary"
          data-testid="template-picker"
        >
          <span aria-hidden="true">+</span> Add canvas
        </button>
      }
    >
      {CanvasKinds.map((kind) => {
        const definition = canvasDefinitions[kind]
        return (
          <MenuItem
            key={kind}
            className={`template-option template-option-${kind}`}
            testId={`template-${kind}`}
            onSelect={() => insertCanvas(editor, doc, kind)}
          >
            <span className="template-swatch" aria-hidden="true" />
            <span className="template-text">
              <span className="template-label">{definition.label}</span>
              <span className="template-description">{definition.description}</span>
            </span>
          </MenuItem>
        )
      })}
    </Menu>
  )
}
