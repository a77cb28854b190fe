import type { CSSProperties } from 'react'
import { useEditor, useValue, type Box, type TLShapeId } from 'tldraw'
import { canvasShapeId } from '../../../shared/doc/canvasShape'
import type { ShapeDiff } from '../../../shared/history/boardDiff'
import { useDiffMarks, type DiffMarks } from './diffMarks'
import { ghostOf, type Ghost } from './ghostBounds'

const Pad = 6

/**
 * The changes of a comparison drawn on the board, in page coordinates: added things outlined
 * green, changed ones amber, moved ones with a dashed ghost where they were and an arrow to
 * where they are, removed ones as a faded ghost. Nothing here takes a pointer.
 */
export function DiffOverlay() {
  const marks = useDiffMarks((s) => s.marks)
  if (!marks) return null
  return <DiffMarksLayer marks={marks} />
}

function DiffMarksLayer({ marks }: { marks: DiffMarks }) {
  const editor = useEditor()
  const camera = useValue('camera', () => editor.getCamera(), [editor])
  const layer = {
    transform: `scale(${camera.z}) translate(${camera.x}px, ${camera.y}px)`,
    '--diff-zoom': camera.z,
  } as CSSProperties
  const shapeBounds = useValue(
    'changed shape bounds',
    () => {
      const bounds = new Map<string, Box>()
      for (const s of marks.shapes) {
        const box = editor.getShapePageBounds(s.id as TLShapeId)
        if (box) bounds.set(s.id, box)
      }
      for (const id of marks.canvases.keys()) {
        const box = editor.getShapePageBounds(canvasShapeId(id))
        if (box) bounds.set(id, box)
      }
      return bounds
    },
    [editor, marks],
  )
  return (
    <div className="diff-overlay" data-testid="diff-overlay" aria-hidden="true">
      <div className="diff-overlay-page" style={layer}>
        {marks.removedCanvases.map((c) =>
          c.before ? (
            <GhostBox
              key={c.id}
              ghost={{ ...ghostOf(c.before), text: c.title || 'Untitled canvas' }}
              change="removed"
              data={{ 'data-canvas-id': c.id }}
            />
          ) : null,
        )}
        {[...marks.canvases].map(([id, canvas]) => {
          const box = shapeBounds.get(id)
          if (!box || canvas.change === 'removed') return null
          return (
            <Outline key={id} box={box} change={canvas.change} data={{ 'data-canvas-id': id }} />
          )
        })}
        {marks.shapes.map((s) => (
          <ShapeMark key={s.id} shape={s} box={shapeBounds.get(s.id)} />
        ))}
      </div>
    </div>
  )
}

function ShapeMark({ shape, box }: { shape: ShapeDiff; box: Box | undefined }) {
  const data = { 'data-shape-id': shape.id }
  if (shape.change === 'removed') {
    return shape.before ? (
      <GhostBox ghost={ghostOf(shape.before)} change="removed" data={data} />
    ) : null
  }
  if (!box) return null
  if (shape.change === 'added') return <Outline box={box} change="added" data={data} />
  if (shape.change === 'edited') return <Outline box={box} change="changed" data={data} />
  const ghost = shape.before ? ghostOf(shape.before) : null
  return (
    <>
      {ghost && <GhostBox ghost={{ ...ghost, w: box.w, h: box.h }} change="moved" data={data} />}
      <Outline box={box} change="moved" data={data} />
      {ghost && (
        <MoveArrow
          from={{ x: ghost.x + box.w / 2, y: ghost.y + box.h / 2 }}
          to={{ x: box.midX, y: box.midY }}
        />
      )}
    </>
  )
}

type Data = Record<`data-${string}`, string>

function Outline({ box, change, data }: { box: Box; change: string; data: Data }) {
  return (
    <div
      className={`diff-outline diff-${change}`}
      data-testid="diff-mark"
      data-change={change}
      {...data}
      style={{
        transform: `translate(${box.x - Pad}px, ${box.y - Pad}px)`,
        width: box.w + Pad * 2,
        height: box.h + Pad * 2,
      }}
    />
  )
}

function GhostBox({ ghost, change, data }: { ghost: Ghost; change: string; data: Data }) {
  return (
    <div
      className={`diff-ghost diff-${change}`}
      data-testid="diff-ghost"
      data-change={change}
      {...data}
      style={{
        transform: `translate(${ghost.x}px, ${ghost.y}px) rotate(${ghost.rotation}rad)`,
        width: ghost.w,
        height: ghost.h,
      }}
    >
      {ghost.text && <span className="diff-ghost-text">{ghost.text}</span>}
    </div>
  )
}

function MoveArrow({ from, to }: { from: { x: number; y: number }; to: { x: number; y: number } }) {
  const x = Math.min(from.x, to.x) - 20
  const y = Math.min(from.y, to.y) - 20
  const w = Math.abs(from.x - to.x) + 40
  const h = Math.abs(from.y - to.y) + 40
  return (
    <svg
      className="diff-move-arrow"
      data-testid="diff-move-arrow"
      style={{ transform: `translate(${x}px, ${y}px)` }}
      width={w}
      height={h}
      viewBox={`${x} ${y} ${w} ${h}`}
    >
      <defs>
        <marker
          id="diff-arrow-head"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0 0 10 5 0 10z" fill="currentColor" />
        </marker>
      </defs>
      <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} markerEnd="url(#diff-arrow-head)" />
    </svg>
  )
}
