import { useEditor, useValue, type TLShapeId } from 'tldraw'
import type { Scope } from '../../../shared/workshop/voting'
import { CanvasShapeType } from '../../../shared/doc/canvasShape'
import { useWorkshopView } from '../voting/WorkshopView'
import './privateMode.css'

const Message = 'Private mode: others’ ideas appear when it ends'

/** Tells people the whole board is in private mode. */
export function BoardPrivateBanner() {
  const view = useWorkshopView()
  if (!view?.state?.privateScopes.some(({ scope }) => scope.kind === 'board')) return null
  return (
    <div className="pill private-banner" data-testid="private-banner" role="status">
      <LockIcon /> {Message}
    </div>
  )
}

/** Tells people a canvas or frame is in private mode, just above it. */
export function PrivateBanners() {
  const editor = useEditor()
  const view = useWorkshopView()
  const scopes = view?.state?.privateScopes
  const placed = useValue(
    'private mode banners',
    () => {
      if (!scopes?.length) return []
      editor.getCamera()
      return scopes.flatMap(({ scope }) => {
        if (scope.kind === 'board') return []
        const bounds = boundsOfScope(editor, scope)
        if (!bounds) return []
        const at = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
        // Kept below the editor's menus when the top of the canvas or frame is scrolled away.
        return [{ key: JSON.stringify(scope), x: Math.max(at.x, 8), y: Math.max(at.y, 84) }]
      })
    },
    [editor, scopes],
  )
  if (!scopes?.length) return null
  return (
    <>
      {placed.map((p) => (
        <div
          key={p.key}
          className="pill private-banner is-placed"
          data-testid="private-banner"
          role="status"
          style={{ transform: `translate(${p.x}px, ${p.y}px) translateY(-100%)` }}
        >
          <LockIcon /> {Message}
        </div>
      ))}
    </>
  )
}

function boundsOfScope(editor: ReturnType<typeof useEditor>, scope: Scope) {
  if (scope.kind === 'frame') return editor.getShapePageBounds(scope.shapeId as TLShapeId)
  if (scope.kind !== 'canvas') return undefined
  const shape = editor
    .getCurrentPageShapes()
    .find(
      (s) =>
        s.type === CanvasShapeType &&
        (s.props as { canvasId?: unknown }).canvasId === scope.canvasId,
    )
  return shape && editor.getShapePageBounds(shape)
}

function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3.5 7h9v6.5h-9z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
    </svg>
  )
}
