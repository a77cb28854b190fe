import type { UpdateCanvasBody } from '../../shared/api/canvases.js'
import type { CanvasContent, CanvasKind } from '../../shared/canvases/schema.js'
import { hypothesisPatch } from '../hypotheses/hypothesisPatch.js'
import type { FoundCanvas } from './boardDoc.js'

/**
 * What a PATCH of a canvas does beyond its content, for a kind with rules on the server (a
 * hypothesis moves through its lifecycle). A kind without such rules needs no entry.
 */
export interface CanvasPatch {
  kind: CanvasKind
  /** Body members only this kind takes; another kind naming one gets `refusal`. */
  members: readonly (keyof UpdateCanvasBody)[]
  refusal: string
  /** Body members that are not content, taken by any kind (who made the change). */
  extra: readonly (keyof UpdateCanvasBody)[]
  /** Refuses what the kind does not take through a PATCH (throws ApiError). */
  check(body: UpdateCanvasBody): void
  /**
   * Checks the change and splits it: the content to write as it is, and an edit to make after
   * it in the same transaction.
   */
  plan(
    found: FoundCanvas,
    patch: CanvasContent,
    body: UpdateCanvasBody,
    now: number,
  ): { content: Partial<CanvasContent>; then?: () => void }
}

/** Every kind's PATCH rules; one line per kind that has some. */
export const canvasPatches: readonly CanvasPatch[] = [hypothesisPatch]
