import { createContext, useContext } from 'react'
import type * as Y from 'yjs'

/** What exports inside the editor need: the board's title for names, its document for canvases. */
export interface BoardExport {
  boardTitle: string | null
  doc: Y.Doc
}

export const BoardExportContext = createContext<BoardExport | null>(null)

/** The board's export details; null outside a board. */
export const useBoardExport = () => useContext(BoardExportContext)
