import type { ReactNode } from 'react'
import { stopEventPropagation, useEditor } from 'tldraw'
import type { CanvasDefinition } from '../../../shared/canvases/types'
import { getCanvasTitleText, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { canvasExportUrl } from '../../api/canvases'
import { useBoardExport } from '../../export/BoardExportContext'
import { exportFileName } from '../../export/exportFileName'
import { exportPdf } from '../../export/exportPdf'
import { canvasShapeId } from '../../../shared/doc/canvasShape'
import { useCanvasEnvironment } from './CanvasEnvironment'
import { CanvasUndoProvider } from './CanvasUndo'
import { useCanvasText } from './useCanvasText'
import { useYRead } from './useY'
import { YTextInput } from './YTextInput'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import { useCanvasChange } from '../../history/diff/diffMarks'
import './CanvasFrame.css'

interface CanvasFrameProps {
  canvasId: string
  canvas: CanvasMap
  definition: CanvasDefinition
  children: ReactNode
}

/** The card around every canvas: kind, editable title, download, and the method's credit. */
export function CanvasFrame({ canvasId, canvas, definition, children }: CanvasFrameProps) {
  const { boardId } = useCanvasEnvironment()
  const editor = useEditor()
  const board = useBoardExport()
  const title = useCanvasText(canvas, getCanvasTitleText)
  const titleString = useYRead(title, () => title?.toString() ?? '')
  const titleDiff = useDiffAttributes(canvasId, 'title')
  const canvasDiff = useCanvasChange(canvasId)
  const fileName = exportFileName(
    board?.boardTitle ?? null,
    'md',
    titleString.trim() || definition.label,
  )

  return (
    <CanvasUndoProvider canvas={canvas}>
      <article
        className={`canvas-frame canvas-kind-${definition.kind}`}
        data-testid="canvas-card"
        data-canvas-id={canvasId}
        data-kind={definition.kind}
        data-canvas-diff={canvasDiff}
      >
        <header className="canvas-frame-header">
          <span className="pill canvas-kind-badge">{definition.label}</span>
          {title && (
            <YTextInput
              className="canvas-title"
              data-testid="canvas-title"
              {...titleDiff}
              text={title}
              singleLine
              aria-label="Canvas title"
              placeholder={definition.label}
              maxLength={200}
            />
          )}
          <a
            className="canvas-frame-action"
            data-testid="download-canvas"
            href={canvasExportUrl(boardId, canvasId)}
            download={fileName}
            title="Download as Markdown"
            onPointerDown={stopEventPropagation}
          >
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <path
                d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
            <span>Markdown</span>
          </a>
          {board && (
            <button
              type="button"
              className="canvas-frame-action"
              data-testid="export-canvas-pdf"
              title="Download this canvas as a PDF"
              onPointerDown={stopEventPropagation}
              onClick={() =>
                void exportPdf({
                  editor,
                  doc: board.doc,
                  boardTitle: board.boardTitle,
                  ids: [canvasShapeId(canvasId)],
                })
              }
            >
              <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
                <path
                  d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
              <span>PDF</span>
            </button>
          )}
        </header>
        <div className="canvas-frame-body">{children}</div>
        <footer className="canvas-attribution">{definition.attribution}</footer>
      </article>
    </CanvasUndoProvider>
  )
}
