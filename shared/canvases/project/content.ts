import { z } from 'zod'
import { BaseContentSchema, type BaseContent } from '../baseContent.js'
import { projectCanvas } from './definition.js'

/** A project's content: name (title), owner and problem (fields), and each stage's boxes. */
export const ProjectContentSchema = BaseContentSchema.extend({
  kind: z.literal(projectCanvas.kind),
})
export type ProjectContent = z.infer<typeof ProjectContentSchema>

/** Whether a canvas map (written by anyone) is a project's. */
export const isProjectMap = (map: { get(key: string): unknown }) =>
  map.get('kind') === projectCanvas.kind

/** Whether a canvas is a project. */
export const isProject = (content: BaseContent): content is ProjectContent =>
  content.kind === projectCanvas.kind
