import { createContext, useContext, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

/**
 * The workshop's strip between the board's header and the canvas: the facilitator's tools, the
 * shared timer, follow-me and the results of a vote sit there, beside the board rather than on
 * top of its content. It takes no room while it is empty.
 */
export function WorkshopStrip({ onSlot }: { onSlot: (slot: HTMLElement | null) => void }) {
  return (
    <div
      className="workshop-strip"
      ref={onSlot}
      role="region"
      aria-label="Workshop"
      data-testid="workshop-strip"
    />
  )
}

/** The strip's element, for what the board's editor shows in it (vote results). */
export const WorkshopStripSlot = createContext<HTMLElement | null>(null)

/** Shows `children` in the workshop strip (nothing while the strip is not mounted). */
export function InWorkshopStrip({
  slot,
  children,
}: {
  slot?: HTMLElement | null
  children: ReactNode
}) {
  const fromContext = useContext(WorkshopStripSlot)
  const target = slot === undefined ? fromContext : slot
  return target ? createPortal(children, target) : null
}
