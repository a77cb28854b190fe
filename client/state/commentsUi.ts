import { create } from 'zustand'
import type { CommentTarget } from '../../shared/comments/comments'

/** Where a new thread is being written: what it is pinned to, and where on the page. */
export interface CommentDraft {
  target: CommentTarget
  /** The page point the composer opens at. */
  at: { x: number; y: number }
}

/**
 * UI state of a board's comments: the panel, the thread shown, whether the next click places a
 * comment, and the composer of a new thread. The threads themselves live in their Y.Doc.
 */
export interface CommentsUiState {
  panelOpen: boolean
  panelTab: 'open' | 'resolved'
  /** The next click on the board starts a thread there. */
  placing: boolean
  openThreadId: string | null
  draft: CommentDraft | null
  /** This person may write comments on the board shown (viewers read only). */
  canComment: boolean
  setCanComment: (canComment: boolean) => void
  setPanelOpen: (open: boolean) => void
  setPanelTab: (tab: 'open' | 'resolved') => void
  setPlacing: (placing: boolean) => void
  openThread: (threadId: string | null) => void
  startDraft: (draft: CommentDraft | null) => void
  /** Everything closed, as a board opens. */
  reset: () => void
}

const closed = {
  panelOpen: false,
  panelTab: 'open',
  placing: false,
  openThreadId: null,
  draft: null,
} as const

export const useCommentsUi = create<CommentsUiState>()((set) => ({
  ...closed,
  canComment: false,
  setCanComment: (canComment) => set({ canComment }),
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setPanelTab: (panelTab) => set({ panelTab }),
  setPlacing: (placing) =>
    set(placing ? { placing, draft: null, openThreadId: null } : { placing }),
  openThread: (openThreadId) => set({ openThreadId, draft: null, placing: false }),
  startDraft: (draft) => set({ draft, placing: false, openThreadId: null }),
  reset: () => set({ ...closed, canComment: false }),
}))
