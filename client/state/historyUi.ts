import { create } from 'zustand'

/** Two states of the board to compare: a version and another version, or a version and now. */
export interface Comparison {
  from: string
  to: string | 'now'
}

/**
 * UI state of a board's history: whether the panel is open, which version is open read-only, and
 * which two states the board is showing the changes between. The versions live on the server.
 */
export interface HistoryUiState {
  panelOpen: boolean
  /** The version shown read-only in place of the live board; null shows the live board. */
  viewing: string | null
  /** The changes highlighted on the board and listed in words; null shows none. */
  comparison: Comparison | null
  setPanelOpen: (open: boolean) => void
  view: (versionId: string | null) => void
  compare: (comparison: Comparison | null) => void
  /** Everything closed, as a board opens. */
  reset: () => void
}

export const useHistoryUi = create<HistoryUiState>((set) => ({
  panelOpen: false,
  viewing: null,
  comparison: null,
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  view: (viewing) => set({ viewing }),
  compare: (comparison) => set({ comparison }),
  reset: () => set({ panelOpen: false, viewing: null, comparison: null }),
}))
