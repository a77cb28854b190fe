import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { randomGuestName, randomUserColor, randomUserId } from './identity'

/**
 * UI state only: who this browser is (name, colour) and which panels are open. The board
 * document never lives here; it lives in Yjs and the tldraw store.
 */
export interface UiState {
  userId: string
  name: string
  color: string
  showRecentlyDeleted: boolean
  setName: (name: string) => void
  setColor: (color: string) => void
  setShowRecentlyDeleted: (open: boolean) => void
}

/** Longest display name the awareness schema accepts. */
export const MaxNameLength = 64

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      userId: randomUserId(),
      name: randomGuestName(),
      color: randomUserColor(),
      showRecentlyDeleted: false,
      setName: (name) => set({ name: name.trim().slice(0, MaxNameLength) || randomGuestName() }),
      setColor: (color) => set({ color }),
      setShowRecentlyDeleted: (showRecentlyDeleted) => set({ showRecentlyDeleted }),
    }),
    {
      name: 'discovery-board:ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ userId, name, color, showRecentlyDeleted }) => ({
        userId,
        name,
        color,
        showRecentlyDeleted,
      }),
    },
  ),
)
