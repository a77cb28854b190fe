import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { NoteDropTarget } from './dropNotesIntoBox'
import type { EditingIndex } from './EditingIndex'
import type { FocusRequests } from './FocusRequests'

/** What canvas views need beyond their shape: the board's document and where it lives. */
export interface CanvasEnvironment {
  doc: Y.Doc
  /** This person's private drafts (shared/doc/draftDoc.ts), where their private items go. */
  drafts: Y.Doc | null
  boardId: string
  focus: FocusRequests
  /** Who else is typing in which field. */
  editing: EditingIndex
  /** The box a sticky being dragged would land in. */
  noteDropTarget: NoteDropTarget
}

export const CanvasEnvironmentContext = createContext<CanvasEnvironment | null>(null)

/** The canvas environment of the board around this view. */
export function useCanvasEnvironment(): CanvasEnvironment {
  const environment = useContext(CanvasEnvironmentContext)
  if (!environment) throw new Error('Canvas views must be rendered inside a board')
  return environment
}
