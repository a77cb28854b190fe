import { create } from 'zustand'

/** An export under way or one that failed, for the board to say so. */
interface ExportStatusState {
  /** What is being prepared ("Preparing PDF…"), or null. */
  preparing: string | null
  /** Why the last export failed, until dismissed or the next one starts. */
  error: string | null
  /** Starts an export; false (and nothing changes) while another is under way. */
  start(message: string): boolean
  finish(): void
  fail(error: string): void
  dismiss(): void
}

export const useExportStatus = create<ExportStatusState>()((set, get) => ({
  preparing: null,
  error: null,
  start(message) {
    if (get().preparing) return false
    set({ preparing: message, error: null })
    return true
  },
  finish: () => set({ preparing: null }),
  fail: (error) => set({ preparing: null, error }),
  dismiss: () => set({ error: null }),
}))
