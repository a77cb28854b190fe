import type { CanvasKindSpec } from '../types.js'
import { ProjectContentSchema, type ProjectContent } from './content.js'
import { projectCanvas } from './definition.js'
import { projectMarkdown } from './markdown.js'
import { readProjectTracking, writeProjectTracking } from './projectDoc.js'
import { ProjectTrackingSchema, emptyProjectTracking, type ProjectTracking } from './tracking.js'

/** The project: fields and each stage's boxes, and the record of its stages, gates and end. */
export const projectSpec = {
  kind: projectCanvas.kind,
  definition: projectCanvas,
  schema: ProjectContentSchema,
  tracking: {
    schema: ProjectTrackingSchema,
    empty: emptyProjectTracking,
    read: readProjectTracking,
    write: writeProjectTracking,
    // Links name hypotheses by canvas id: a copy that renamed them follows the new ids.
    renewIds: (tracking, renamed) => ({
      ...tracking,
      links: tracking.links.map((l) => ({
        ...l,
        hypothesisId: renamed.get(l.hypothesisId) ?? l.hypothesisId,
      })),
    }),
  },
  markdown: projectMarkdown,
} satisfies CanvasKindSpec<typeof projectCanvas.kind, ProjectContent, ProjectTracking>
