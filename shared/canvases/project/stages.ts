/**
 * The stages of an ML/data product and the gate questions the method asks in each
 * (CANVASES.md §5). Data, not code: the canvas, the API, the export and the portfolio all read
 * them from here.
 */
export const Stages = [
  'ideation',
  'experimentation',
  'data-collection',
  'prototyping',
  'tech-transfer',
  'monitoring',
] as const
export type Stage = (typeof Stages)[number]

export interface GateQuestion {
  /** Stable key, used by the API and the export. */
  key: string
  text: string
}

export interface StageDefinition {
  stage: Stage
  label: string
  /** What the stage is for, shown under its name. */
  purpose: string
  gates: readonly GateQuestion[]
}

export const StageDefinitions: readonly StageDefinition[] = [
  {
    stage: 'ideation',
    label: 'Ideation',
    purpose: 'Frame a concrete, valuable problem and decide whether ML is the way to solve it.',
    gates: [
      { key: 'problem-concrete', text: 'Is the problem concrete and valuable?' },
      { key: 'needs-ml', text: 'Does it need ML at all?' },
      {
        key: 'behaviour-change',
        text: 'What behaviour changes, and who manages that change?',
      },
      { key: 'cost-of-mistake', text: 'What does a mistake cost against the status quo?' },
    ],
  },
  {
    stage: 'experimentation',
    label: 'Experimentation',
    purpose: 'Test the riskiest assumptions with time-boxed hypotheses.',
    gates: [],
  },
  {
    stage: 'data-collection',
    label: 'Data collection',
    purpose: 'Find or gather the data the solution needs.',
    gates: [
      { key: 'data-exists', text: 'Does the data exist?' },
      { key: 'reframing-keeps-value', text: 'Does reframing the problem keep its value?' },
    ],
  },
  {
    stage: 'prototyping',
    label: 'Prototyping',
    purpose: 'Build the simplest thing that works end to end.',
    gates: [
      { key: 'simplest-end-to-end', text: 'Is this the simplest thing that works end to end?' },
      { key: 'rabbit-holes', text: 'Are the rabbit holes named?' },
    ],
  },
  {
    stage: 'tech-transfer',
    label: 'Tech transfer',
    purpose: 'Hand the prototype over to run in production.',
    gates: [
      { key: 'scaling', text: 'How does it scale?' },
      { key: 'running-cost', text: 'What does it cost to run?' },
      { key: 'roadmap', text: 'Is there a roadmap?' },
      { key: 'go-to-market', text: 'Is there a go-to-market plan?' },
    ],
  },
  {
    stage: 'monitoring',
    label: 'Monitoring',
    purpose: 'Watch the product in production and learn from it.',
    gates: [
      {
        key: 'monitoring-plan',
        text: 'Does a monitoring plan exist before it goes to production?',
      },
    ],
  },
]

const byStage = new Map(StageDefinitions.map((d) => [d.stage, d]))

/** The definition of a stage. */
export const stageDefinition = (stage: Stage): StageDefinition => byStage.get(stage)!

/** The label of a stage ("Data collection"). */
export const stageLabel = (stage: Stage) => stageDefinition(stage).label

/** A gate question's address: its stage and key (`data-collection/data-exists`). */
export const gateId = (stage: Stage, key: string) => `${stage}/${key}`

/** Every gate question's address, in stage order. */
export const GateIds: readonly string[] = StageDefinitions.flatMap((d) =>
  d.gates.map((g) => gateId(d.stage, g.key)),
)

/** The parts each stage plans: its goals, inputs and outputs are boxes of the canvas. */
export const StageParts = ['goals', 'inputs', 'outputs'] as const
export type StagePart = (typeof StageParts)[number]

const camel = (stage: Stage) => stage.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** The box of a stage's part (`dataCollectionGoals`). */
export const stageBoxKey = (stage: Stage, part: StagePart) =>
  `${camel(stage)}${part[0]!.toUpperCase()}${part.slice(1)}`
