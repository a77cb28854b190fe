import {
  DefaultContextMenu,
  DefaultContextMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useEditor,
  useValue,
  type TLUiContextMenuProps,
} from 'tldraw'
import { ExportPdfMenuItems } from '../export/ExportPdfMenuItems'
import { useCommentsUi } from '../state/commentsUi'
import { pinPagePoint } from './commentTargets'

/**
 * tldraw's context menu, with "Comment" on the one shape selected for those who may comment,
 * and the PDF export of the selection or the board.
 */
export function CommentContextMenu(props: TLUiContextMenuProps) {
  const editor = useEditor()
  const canComment = useCommentsUi((s) => s.canComment)
  const shapeId = useValue(
    'one selected shape',
    () => {
      const ids = editor.getSelectedShapeIds()
      return ids.length === 1 ? ids[0]! : null
    },
    [editor],
  )
  return (
    <DefaultContextMenu {...props}>
      {canComment && shapeId && (
        <TldrawUiMenuGroup id="comment">
          <TldrawUiMenuItem
            id="comment-on-shape"
            label="Comment"
            kbd="c"
            readonlyOk
            onSelect={() => {
              const target = { kind: 'shape', shapeId } as const
              const at = pinPagePoint(editor, target)
              if (at) useCommentsUi.getState().startDraft({ target, at })
            }}
          />
        </TldrawUiMenuGroup>
      )}
      <DefaultContextMenuContent />
      <ExportPdfMenuItems />
    </DefaultContextMenu>
  )
}
