import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { withoutUnwantedCharacters } from '../../shared/api/plainText'
import { ParticipantSecretSchema, participantIdOf } from '../../shared/workshop/participant'
import { randomGuestName, randomParticipantSecret, randomUserColor } from './identity'

function newParticipant() {
  const participantSecret = randomParticipantSecret()
  return { participantSecret, userId: participantIdOf(participantSecret) }
}

/**
 * UI state only: who this browser is (name, colour) and which panels are open. The board
 * document never lives here; it lives in Yjs and the tldraw store.
 */
export interface UiState {
  /** Kept secret; sent only to this server, as the x-participant header. */
  participantSecret: string
  /** The public id others see in presence: the hash of the secret. */
  userId: string
  name: string
  color: string
  showRecentlyDeleted: boolean
  setName: (name: string) => void
  setColor: (color: string) => void
  setShowRecentlyDeleted: (open: boolean) => void
}

const UiStorageKey = 'discovery-board:ui'

/** Longest display name the awareness schema accepts. */
export const MaxNameLength = 64

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      ...newParticipant(),
      name: randomGuestName(),
      color: randomUserColor(),
      showRecentlyDeleted: false,
      setName: (name) =>
        set({
          name: withoutUnwantedCharacters(name).trim().slice(0, MaxNameLength) || randomGuestName(),
        }),
      setColor: (color) => set({ color }),
      setShowRecentlyDeleted: (showRecentlyDeleted) => set({ showRecentlyDeleted }),
    }),
    {
      name: UiStorageKey,
      version: 2,
      // Version 1 had a random user id; a person is now known by the hash of a secret.
      migrate: (persisted) => ({ ...(persisted as object), ...newParticipant() }),
      storage: createJSONStorage(() => localStorage),
      // A name saved before names were cleaned could hold characters the server refuses; a
      // secret that is not one would keep this browser off every board, and the public id is
      // always the secret's.
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<UiState>
        const name =
          typeof saved.name === 'string'
            ? withoutUnwantedCharacters(saved.name).trim().slice(0, MaxNameLength)
            : ''
        const secret = ParticipantSecretSchema.safeParse(saved.participantSecret)
        const participant = secret.success
          ? { participantSecret: secret.data, userId: participantIdOf(secret.data) }
          : { participantSecret: current.participantSecret, userId: current.userId }
        return { ...current, ...saved, name: name || current.name, ...participant }
      },
      partialize: ({ participantSecret, userId, name, color, showRecentlyDeleted }) => ({
        participantSecret,
        userId,
        name,
        color,
        showRecentlyDeleted,
      }),
    },
  ),
)

// The store saves only on a change, and a new browser's identity is made up at load: save it
// at once, or a reload (or a second tab) would make this person someone else.
if (typeof localStorage !== 'undefined' && localStorage.getItem(UiStorageKey) === null) {
  useUiStore.setState({})
}
