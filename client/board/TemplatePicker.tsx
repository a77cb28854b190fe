import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { canvasDefinitions } from '../../shared/canvases/registry'
import { CanvasKinds, type CanvasKind } from '../../shared/canvases/schema'
import { insertCanvas } from '../shapes/canvas/insertCanvas'

/**
 * A menu of the canvas templates. Keyboard: Enter or ↓ opens it, ↑/↓ move, Enter inserts,
 * Escape closes and gives the focus back to the button.
 */
export function TemplatePicker({ editor, doc }: { editor: Editor; doc: Y.Doc }) {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([])
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    itemRefs.current[0]?.focus()
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }

  const insert = (kind: CanvasKind) => {
    setOpen(false)
    insertCanvas(editor, doc, kind)
  }

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const items = itemRefs.current.filter((item): item is HTMLButtonElement => item !== null)
    const index = items.indexOf(document.activeElement as HTMLButtonElement)
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      items[(index + step + items.length) % items.length]?.focus()
    } else if (event.key === 'Tab') {
      setOpen(false)
    }
    event.stopPropagation()
  }

  return (
    <div className="template-picker" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-small button-primary"
        data-testid="template-picker"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        <span aria-hidden="true">+</span> Add canvas
      </button>
      {open && (
        <div
          className="template-menu"
          role="menu"
          aria-label="Insert a canvas"
          onKeyDown={onMenuKeyDown}
        >
          {CanvasKinds.map((kind, index) => {
            const definition = canvasDefinitions[kind]
            return (
              <button
                key={kind}
                ref={(element) => {
                  itemRefs.current[index] = element
                }}
                type="button"
                role="menuitem"
                className={`template-option template-option-${kind}`}
                data-testid={`template-${kind}`}
                onClick={() => insert(kind)}
              >
                <span className="template-swatch" aria-hidden="true" />
                <span className="template-text">
                  <span className="template-label">{definition.label}</span>
                  <span className="template-description">{definition.description}</span>
                </span>
              </button>
            )
          })}
        </div>
      )}
    </div>
  )
}
