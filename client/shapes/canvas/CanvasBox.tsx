import { useMemo, useRef, useState, type DragEvent } from 'react'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import type { BoxDefinition } from '../../../shared/canvases/types'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { BoxItem } from './BoxItem'
import { useCanvasEnvironment } from './CanvasEnvironment'
import { useCanvasWorkshop } from './CanvasWorkshop'
import { frameOfCanvas } from './frameOfCanvas'
import { getDraftBoxItems } from '../../../shared/doc/draftDoc'
import {
  addItem,
  addItemAfter,
  boardItemLists,
  draftItemLists,
  transferItem,
  type BoxRef,
} from './itemCommands'
import { isItemDrag, readDraggedItem } from './itemDrag'
import { peekBoxes, peekBoxItems, readItems } from './readItems'
import { useWheelScroll } from './useWheelScroll'
import { useYRead, useYVersion } from './useY'
import { RemovedParts } from '../../history/diff/diffAttributes'
import './CanvasBox.css'

interface CanvasBoxProps {
  canvasId: string
  canvas: CanvasMap
  box: BoxDefinition
  boxOrder: readonly string[]
  /** Numbering as the method teaches it (Lean Canvas fills its boxes in order). */
  number?: number
}

/** A box of a canvas: its name and prompt, its items, and a way to add one. */
export function CanvasBox({ canvasId, canvas, box, boxOrder, number }: CanvasBoxProps) {
  const { doc, drafts, focus, noteDropTarget } = useCanvasEnvironment()
  useYVersion(canvas)
  const boxes = peekBoxes(canvas)
  useYVersion(boxes)
  const itemsArray = peekBoxItems(canvas, box.key)
  const allItems = useYRead(itemsArray, () => readItems(itemsArray))
  const workshop = useCanvasWorkshop()
  const editor = useEditor()
  // Only a private frame needs to know which frame this canvas sits in.
  const needsFrame = workshop?.privateInFrames ?? false
  const frameId = useValue(
    'frame of canvas',
    () => (needsFrame ? frameOfCanvas(editor, canvasId) : undefined),
    [editor, canvasId, needsFrame],
  )
  // Private mode: others' new items in this canvas stay hidden from me until it ends.
  const items = useMemo(() => {
    if (!workshop || !itemsArray) return allItems
    const hidden = workshop.hiddenItemIds(itemsArray, { canvasId, frameId })
    return hidden.size === 0 ? allItems : allItems.filter((item) => !hidden.has(item.id))
  }, [allItems, itemsArray, workshop, canvasId, frameId])
  // My private items here: in my drafts until private mode ends and the board holds them.
  const draftArray = useMemo(
    () => (drafts ? getDraftBoxItems(drafts, canvasId, box.key) : undefined),
    [drafts, canvasId, box.key],
  )
  const allDrafts = useYRead(draftArray, () => readItems(draftArray))
  const draftItems = useMemo(() => {
    const onBoard = new Set(allItems.map((item) => item.id))
    return allDrafts.filter((item) => !onBoard.has(item.id))
  }, [allItems, allDrafts])
  const boardLists = useMemo(() => boardItemLists(doc), [doc])
  const draftLists = useMemo(() => (drafts ? draftItemLists(drafts) : null), [drafts])
  const privateHere = workshop?.isPrivate({ canvasId, frameId }) ?? false
  const addRef = useRef<HTMLButtonElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  useWheelScroll(listRef)
  const [dropping, setDropping] = useState(false)
  const noteOver = useValue(
    'sticky over box',
    () => {
      const target = noteDropTarget.get()
      return target?.canvasId === canvasId && target.boxKey === box.key
    },
    [noteDropTarget, canvasId, box.key],
  )
  const ref: BoxRef = { canvasId, boxKey: box.key }

  /** Where a new item goes: my drafts while private mode covers this box, else the board. */
  const newItemLists = privateHere && draftLists ? draftLists : boardLists

  const add = () => {
    const id = addItem(newItemLists, ref, Infinity, '', workshop?.author())
    if (id) focus.request(id)
  }

  const addAfter = (itemId: string) => {
    const inList = newItemLists
      .items(ref)
      ?.toArray()
      .some((m) => m.get('id') === itemId)
    return inList
      ? addItemAfter(newItemLists, ref, itemId, workshop?.author())
      : addItem(newItemLists, ref, Infinity, '', workshop?.author())
  }

  const dropIndex = (event: DragEvent) => {
    const rows = [...(listRef.current?.querySelectorAll('[data-item-id]') ?? [])]
    const index = rows.findIndex((row) => {
      const rect = row.getBoundingClientRect()
      return event.clientY < rect.top + rect.height / 2
    })
    return index < 0 ? rows.length : index
  }

  const onDragOver = (event: DragEvent) => {
    if (!isItemDrag(event.dataTransfer)) return
    event.preventDefault()
    event.stopPropagation()
    event.dataTransfer.dropEffect = 'move'
    setDropping(true)
  }

  const onDrop = (event: DragEvent) => {
    setDropping(false)
    const dragged = readDraggedItem(event.dataTransfer)
    if (!dragged) return
    event.preventDefault()
    event.stopPropagation()
    focus.request(dragged.itemId)
    const inDrafts = draftLists
      ?.items(dragged)
      ?.toArray()
      .some((m) => m.get('id') === dragged.itemId)
    transferItem(
      inDrafts && draftLists ? draftLists : boardLists,
      dragged,
      dragged.itemId,
      ref,
      dropIndex(event),
    )
  }

  const labelId = `box-${canvasId}-${box.key}`
  return (
    <section
      className={`canvas-box${items.length + draftItems.length > 0 ? ' has-items' : ''}${dropping || noteOver ? ' is-drop-target' : ''}`}
      data-testid="canvas-box"
      data-box-key={box.key}
      data-private-hidden={allItems.length - items.length || undefined}
      aria-labelledby={labelId}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <header className="canvas-box-header">
        <h3 className="canvas-box-title" id={labelId}>
          {number !== undefined && <span className="canvas-box-number">{number}</span>}
          {box.label}
        </h3>
        <p className="canvas-box-prompt">{box.prompt}</p>
      </header>
      <ol className="canvas-box-items" ref={listRef}>
        {items.map((item) => (
          <BoxItem
            key={item.id}
            box={ref}
            item={item}
            boxOrder={boxOrder}
            label={`${box.label} item`}
            onEmptied={() => addRef.current?.focus()}
            lists={boardLists}
            addAfter={addAfter}
            metricLink={box.metricLinks === true}
          />
        ))}
        {draftLists &&
          draftItems.map((item) => (
            <BoxItem
              key={item.id}
              box={ref}
              item={item}
              boxOrder={boxOrder}
              label={`${box.label} item`}
              onEmptied={() => addRef.current?.focus()}
              lists={draftLists}
              addAfter={addAfter}
              draft
            />
          ))}
        <RemovedParts canvasId={canvasId} where={box.key} />
      </ol>
      <button
        ref={addRef}
        type="button"
        className="canvas-box-add"
        data-testid="add-item"
        onPointerDown={stopEventPropagation}
        onClick={add}
        onKeyDown={(event) => event.stopPropagation()}
      >
        <span aria-hidden="true">+</span> Add item
        <span className="visually-hidden"> to {box.label}</span>
      </button>
    </section>
  )
}
