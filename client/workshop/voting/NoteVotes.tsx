import { useEditor, useValue, type TLShape } from 'tldraw'
import { richTextToPlain } from '../../../shared/doc/richText'
import { ItemVote } from './ItemVote'
import { useWorkshopView } from './WorkshopView'

/** Vote controls (or, once a vote ended, counts) pinned to the corner of each sticky it covers. */
export function NoteVotes() {
  const editor = useEditor()
  const view = useWorkshopView()
  const voting = view?.state?.voting
  const votableIds = view?.votableIds
  const anchors = useValue(
    'sticky vote anchors',
    () => {
      if (!voting) return []
      const covered =
        voting.status === 'open' ? votableIds : new Set((voting.results ?? []).map((r) => r.itemId))
      if (!covered || covered.size === 0) return []
      editor.getCamera()
      return editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'note' && covered.has(s.id) && !editor.isShapeHidden(s))
        .flatMap((shape) => {
          const bounds = editor.getShapePageBounds(shape)
          if (!bounds) return []
          const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
          return [{ id: shape.id, x: corner.x, y: corner.y, label: noteLabel(shape) }]
        })
    },
    [editor, voting, votableIds],
  )
  return (
    <>
      {anchors.map((anchor) => (
        <div
          key={anchor.id}
          className="note-vote-anchor"
          style={{ transform: `translate(${anchor.x}px, ${anchor.y}px)` }}
        >
          <ItemVote itemId={anchor.id} label={anchor.label} />
        </div>
      ))}
    </>
  )
}

function noteLabel(shape: TLShape): string {
  const text = richTextToPlain((shape.props as { richText?: unknown }).richText).trim()
  return text ? `sticky “${text.slice(0, 40)}”` : 'sticky note'
}
