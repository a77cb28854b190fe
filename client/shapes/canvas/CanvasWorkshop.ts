import { createContext, useContext, type ComponentType } from 'react'
import type { Signal, TLShape } from 'tldraw'
import type * as Y from 'yjs'
import type { ItemAuthor } from '../../../shared/doc/canvasDoc'

/**
 * What canvas views get from the workshop around them: locks, private mode and votes. The
 * board provides it (client/workshop/CanvasWorkshopProvider.tsx); views never import the
 * workshop, and without one a canvas shows every item, takes edits and has no votes.
 */
export interface CanvasWorkshop {
  /**
   * Whether a facilitator's lock holds a shape: on the shape itself or on a frame or canvas
   * around it (`ancestors`, nearest first).
   */
  isLocked(shape: TLShape, ancestors: readonly TLShape[]): boolean
  /** Whether private mode covers a frame: only then must a box know its canvas's frame. */
  privateInFrames: boolean
  /**
   * The ids of a box's items that private mode hides from this person (none when it is off).
   * `frameId` is the frame the canvas sits in, when `privateInFrames`.
   */
  hiddenItemIds(
    items: Y.Array<unknown>,
    where: { canvasId: string; frameId: string | undefined },
  ): ReadonlySet<string>
  /** Whether an item added here now is private: it goes to this person's drafts. */
  isPrivate(where: { canvasId: string; frameId: string | undefined }): boolean
  /** Who adds an item now, and when on the server's clock. */
  author(): ItemAuthor
  /** The item a click on a vote result pointed at, lit up for a moment. */
  highlight: Signal<string | null>
  /** The vote control beside an item: my dots and a button while a vote runs, then its count. */
  ItemVote: ComponentType<{ itemId: string; label: string }>
}

export const CanvasWorkshopContext = createContext<CanvasWorkshop | null>(null)

/** The workshop around this canvas, or null on a board shown without one. */
export const useCanvasWorkshop = (): CanvasWorkshop | null => useContext(CanvasWorkshopContext)
