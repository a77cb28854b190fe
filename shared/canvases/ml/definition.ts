import type { CanvasDefinition } from '../canvasDefinition.js'

/** Machine Learning Canvas v1.1 by Louis Dorard. */
export const mlCanvas: CanvasDefinition<'ml'> = {
  kind: 'ml',
  label: 'Machine Learning Canvas',
  description: 'Frame an ML system: the prediction task, its value, data, models and monitoring.',
  attribution: 'Machine Learning Canvas v1.1, by Louis Dorard, ownml.co, CC BY-SA 4.0',
  fields: [
    { key: 'designedFor', label: 'Designed for', prompt: 'team or product' },
    { key: 'designedBy', label: 'Designed by', prompt: 'who' },
    { key: 'date', label: 'Date', prompt: 'YYYY-MM-DD' },
    { key: 'iteration', label: 'Iteration', prompt: '1' },
  ],
  boxes: [
    {
      key: 'predictionTask',
      label: 'Prediction task',
      prompt:
        'Type of task? Entity on which predictions are made? Possible outcomes? Wait time before observation?',
      area: 'task',
    },
    {
      key: 'decisions',
      label: 'Decisions',
      prompt:
        'How are predictions turned into proposed value for the end-user? Parameters of the process that does that.',
      area: 'decisions',
    },
    {
      key: 'valueProposition',
      label: 'Value proposition',
      prompt:
        'Who is the end-user? What are their objectives? How will they benefit? Workflow / interfaces.',
      area: 'value',
    },
    {
      key: 'dataCollection',
      label: 'Data collection',
      prompt:
        'Strategy for the initial train set and continuous update; collection rate, holdout, cost to observe outcomes.',
      area: 'collection',
    },
    {
      key: 'dataSources',
      label: 'Data sources',
      prompt: 'Where can we get raw information on entities and observed outcomes?',
      area: 'sources',
    },
    {
      key: 'impactSimulation',
      label: 'Impact simulation',
      prompt:
        'Can models be deployed? Test data to assess performance? Cost/gain of (in)correct decisions? Fairness constraint?',
      area: 'impact',
    },
    {
      key: 'makingPredictions',
      label: 'Making predictions',
      prompt:
        'Real-time or batch? Time available for prediction, featurisation, post-processing? Compute target?',
      area: 'making',
    },
    {
      key: 'buildingModels',
      label: 'Building models',
      prompt: 'How many production models? When are they updated? Time available?',
      area: 'building',
    },
    {
      key: 'features',
      label: 'Features',
      prompt: 'Input representations available at prediction time, extracted from raw sources.',
      area: 'features',
    },
    {
      key: 'monitoring',
      label: 'Monitoring',
      prompt: "Metrics that quantify value creation and the system's impact in production.",
      area: 'monitoring',
      metricLinks: true,
    },
  ],
  layout: {
    columns: 5,
    areas: [
      'task decisions value collection sources',
      'impact making value building features',
      'monitoring monitoring monitoring monitoring monitoring',
    ],
  },
  defaultSize: { w: 1500, h: 880 },
}
