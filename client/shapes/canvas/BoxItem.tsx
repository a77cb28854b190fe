import { useEffect, useRef, type KeyboardEvent } from 'react'
import { stopEventPropagation, useValue } from 'tldraw'
import { ItemTextSchema } from '../../../shared/canvases/schema'
import { useCanvasEnvironment } from './CanvasEnvironment'
import { useCanvasWorkshop } from './CanvasWorkshop'
import {
  neighbourItem,
  removeItem,
  shiftItem,
  transferItem,
  type BoxRef,
  type ItemLists,
} from './itemCommands'
import { writeDraggedItem } from './itemDrag'
import { ItemMetricLink } from './ItemMetricLink'
import { itemKeyCommand } from './itemKeys'
import type { ItemView } from './readItems'
import { useEditors } from './useEditors'
import { YTextInput } from './YTextInput'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import './BoxItem.css'

const MaxItemLength = ItemTextSchema.maxLength ?? 4000

interface BoxItemProps {
  box: BoxRef
  item: ItemView
  /** The boxes of this canvas in order, for moving an item to the next or previous one. */
  boxOrder: readonly string[]
  label: string
  /** Where focus goes when the last item is deleted. */
  onEmptied: () => void
  /** The lists the item is in: the board's, or this person's private drafts. */
  lists: ItemLists
  /** Adds an item after this one (in the drafts while private mode covers the box). */
  addAfter: (itemId: string) => string | undefined
  /** Whether it is one of this person's private drafts. */
  draft?: boolean
  /** Whether it may link to a hypothesis metric (Lean key metrics, ML monitoring). */
  metricLink?: boolean
}

/** One item of a box: a drag handle, its text and a delete button. */
export function BoxItem({
  box,
  item,
  boxOrder,
  label,
  onEmptied,
  lists,
  addAfter,
  draft = false,
  metricLink = false,
}: BoxItemProps) {
  const { focus } = useCanvasEnvironment()
  const fieldRef = useRef<HTMLTextAreaElement | null>(null)
  const { editors, onFocus, onBlur } = useEditors(item.id)
  const editor = editors[0]
  const workshop = useCanvasWorkshop()
  const highlighted = useValue(
    'vote result highlight',
    () => workshop?.highlight.get() === item.id,
    [workshop, item.id],
  )

  useEffect(() => focus.fulfil(item.id, fieldRef.current), [focus, item])
  const diff = useDiffAttributes(box.canvasId, { item: item.id })

  const moveToBox = (step: -1 | 1) => {
    const target = boxOrder[boxOrder.indexOf(box.boxKey) + step]
    if (!target) return
    focus.request(item.id)
    transferItem(lists, box, item.id, { canvasId: box.canvasId, boxKey: target })
  }

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const command = itemKeyCommand(event, event.currentTarget)
    if (!command) return
    event.preventDefault()
    switch (command) {
      case 'add-after': {
        const id = addAfter(item.id)
        if (id) focus.request(id)
        return
      }
      case 'delete-empty': {
        const previous =
          neighbourItem(lists, box, item.id, -1) ?? neighbourItem(lists, box, item.id, 1)
        removeItem(lists, box, item.id)
        if (previous) focus.request(previous)
        else onEmptied()
        return
      }
      case 'move-up':
      case 'move-down':
        focus.request(item.id)
        shiftItem(lists, box, item.id, command === 'move-up' ? -1 : 1)
        return
      case 'move-to-previous-box':
        return moveToBox(-1)
      case 'move-to-next-box':
        return moveToBox(1)
      case 'focus-previous':
      case 'focus-next': {
        const id = neighbourItem(lists, box, item.id, command === 'focus-previous' ? -1 : 1)
        const row = event.currentTarget.closest('.canvas-box')
        const field = row?.querySelector<HTMLTextAreaElement>(`[data-item-id="${id}"] textarea`)
        if (id && field) {
          focus.request(id, command === 'focus-previous' ? 'end' : 'start')
          focus.fulfil(id, field)
        }
        return
      }
    }
  }

  return (
    <li
      className={`box-item${editor ? ' is-edited-by-other' : ''}${highlighted ? ' is-highlighted' : ''}${metricLink ? ' has-metric-slot' : ''}`}
      data-testid="box-item"
      data-item-id={item.id}
      data-draft={draft || undefined}
      {...diff}
      style={editor ? { borderColor: editor.color } : undefined}
    >
      {editor && (
        <span
          className="box-item-editor"
          data-testid="item-editor"
          style={{ background: editor.color }}
        >
          {editors.map((person) => person.name).join(', ')}
        </span>
      )}
      <span
        className="box-item-handle"
        draggable
        title="Drag to another box"
        aria-hidden="true"
        onPointerDown={stopEventPropagation}
        onDragStart={(event) => {
          event.stopPropagation()
          writeDraggedItem(event.dataTransfer, box, item.id)
          const row = event.currentTarget.parentElement
          if (row) event.dataTransfer.setDragImage(row, 12, 12)
        }}
      >
        <svg viewBox="0 0 8 14" width="8" height="14">
          {[2, 7, 12].flatMap((y) => [
            <circle key={`a${y}`} cx="2" cy={y} r="1.2" />,
            <circle key={`b${y}`} cx="6" cy={y} r="1.2" />,
          ])}
        </svg>
      </span>
      <YTextInput
        className="box-item-text"
        text={item.text}
        aria-label={label}
        maxLength={MaxItemLength}
        fieldRef={(element) => {
          fieldRef.current = element
        }}
        onKeyDown={handleKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
      />
      {/* A private draft is in no vote until the board holds it. */}
      {workshop && !draft && <workshop.ItemVote itemId={item.id} label={label} />}
      <button
        type="button"
        className="box-item-delete"
        aria-label="Delete item"
        title="Delete item"
        tabIndex={-1}
        onPointerDown={stopEventPropagation}
        onClick={() => removeItem(lists, box, item.id)}
      >
        ×
      </button>
      {metricLink && <ItemMetricLink item={item.map} />}
    </li>
  )
}
