import type { BoxDefinition, CanvasDefinition } from '../canvasDefinition.js'
import { StageDefinitions, StageParts, stageBoxKey } from './stages.js'

const PartPrompts = {
  goals: 'What must this stage achieve?',
  inputs: 'What does this stage start from?',
  outputs: 'What does this stage hand on?',
} as const

const stageBoxes: BoxDefinition[] = StageDefinitions.flatMap((d) =>
  StageParts.map((part) => ({
    key: stageBoxKey(d.stage, part),
    label: `${d.label}: ${part}`,
    prompt: PartPrompts[part],
    area: stageBoxKey(d.stage, part),
  })),
)

/** A project: one ML/data product moving through its stages, with the record of the moves. */
export const projectCanvas: CanvasDefinition<'project'> = {
  kind: 'project',
  label: 'Project',
  description:
    'One product through ideation, experimentation, data, prototype, transfer and monitoring.',
  attribution: 'Stages of an ML/data product, after the experimental process around the canvases',
  fields: [
    { key: 'owner', label: 'Owner', prompt: 'Who answers for this project?' },
    { key: 'problem', label: 'Problem', prompt: 'What problem does it solve, and for whom?' },
  ],
  boxes: stageBoxes,
  layout: {
    columns: 3,
    areas: StageDefinitions.map((d) =>
      StageParts.map((part) => stageBoxKey(d.stage, part)).join(' '),
    ),
  },
  defaultSize: { w: 1200, h: 820 },
}
