import { boardLocks } from '../../shared/workshop/locks.js'
import type { Scope } from '../../shared/workshop/voting.js'
import type { UpdateGuard } from '../sync/Room.js'
import { updateTargets } from '../sync/updateTargets.js'

/** How a refusal names the lock in the log. */
const describe = (scope: Scope) =>
  scope.kind === 'board'
    ? 'the board is locked'
    : scope.kind === 'canvas'
      ? `canvas ${scope.canvasId} is locked`
      : `frame ${scope.shapeId} is locked`

/**
 * The room's guard while something is locked: an update that changes a locked canvas, a locked
 * frame or a shape inside one (or moves a shape into one) is refused. Nothing locked, no guard:
 * updates are not even decoded.
 */
export function lockGuard(locks: readonly Scope[]): UpdateGuard | null {
  if (locks.length === 0) return null
  return (doc, update) => {
    const lock = boardLocks(doc, locks).lockOfChange(updateTargets(doc, update))
    return lock ? describe(lock) : null
  }
}
