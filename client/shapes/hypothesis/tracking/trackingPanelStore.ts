import { create } from 'zustand'

export const TrackingTabs = [
  'measurements',
  'assumptions',
  'criteria',
  'checkins',
  'decision',
] as const
export type TrackingTab = (typeof TrackingTabs)[number]

/** Which hypothesis shows its tracking panel, on which tab. UI state only. */
interface TrackingPanelState {
  open: Record<string, TrackingTab | undefined>
  /** The metric an "Amend" button asked to change, by canvas. */
  amending: Record<string, string | undefined>
  show: (canvasId: string, tab: TrackingTab, metricKey?: string) => void
  close: (canvasId: string) => void
}

export const useTrackingPanel = create<TrackingPanelState>()((set) => ({
  open: {},
  amending: {},
  show: (canvasId, tab, metricKey) =>
    set((state) => ({
      open: { ...state.open, [canvasId]: tab },
      amending: metricKey ? { ...state.amending, [canvasId]: metricKey } : state.amending,
    })),
  close: (canvasId) => set((state) => ({ open: { ...state.open, [canvasId]: undefined } })),
}))
