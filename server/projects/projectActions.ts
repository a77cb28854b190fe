import type { ProjectView } from '../../shared/api/projects.js'
import type { PlannedChange } from '../../shared/canvases/project/projectChanges.js'
import { readProjectTracking } from '../../shared/canvases/project/projectDoc.js'
import { Stages } from '../../shared/canvases/project/stages.js'
import {
  daysInStage,
  openGateCount,
  projectStatus,
} from '../../shared/canvases/project/tracking.js'
import { ApiError } from '../http/errors.js'
import type { FoundCanvas } from '../routes/boardDoc.js'

/** The API view of a project as it is now. */
export function projectView(found: FoundCanvas, now: number): ProjectView {
  const record = readProjectTracking(found.map)
  return {
    id: found.content.id,
    title: found.content.title,
    owner: found.content.fields.owner ?? '',
    problem: found.content.fields.problem ?? '',
    status: projectStatus(record),
    record,
    openGates: Object.fromEntries(Stages.map((s) => [s, openGateCount(record, s)])) as Record<
      (typeof Stages)[number],
      number
    >,
    daysInStage: daysInStage(record, now),
  }
}

/**
 * Makes a checked change in one stored edit, or refuses it with 409 and the rule's message
 * (nothing is written then). `plan` reads the project as it is when the edit is made.
 */
export async function applyProjectChange(
  found: FoundCanvas,
  plan: () => PlannedChange,
): Promise<void> {
  const change = plan()
  if (!change.ok) throw new ApiError('conflict', change.message)
  await found.room.transact(change.write)
}
