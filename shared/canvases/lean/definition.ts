import type { CanvasDefinition } from '../canvasDefinition.js'

/** Lean Canvas by Ash Maurya, boxes in the order they are usually filled. */
export const leanCanvas: CanvasDefinition<'lean'> = {
  kind: 'lean',
  label: 'Lean Canvas',
  description:
    'A one-page business model: problem, customers, solution and what it costs and earns.',
  attribution: 'Lean Canvas, by Ash Maurya, CC BY-SA, adapted from the Business Model Canvas',
  fields: [],
  boxes: [
    { key: 'problem', label: 'Problem', prompt: 'Top 1–3 problems.', area: 'problem' },
    {
      key: 'existingAlternatives',
      label: 'Existing alternatives',
      prompt: 'How are these problems solved today?',
      area: 'problem',
    },
    {
      key: 'customerSegments',
      label: 'Customer segments',
      prompt: 'Target customers and users.',
      area: 'segments',
    },
    {
      key: 'earlyAdopters',
      label: 'Early adopters',
      prompt: 'Characteristics of your ideal customers.',
      area: 'segments',
    },
    {
      key: 'uniqueValueProposition',
      label: 'Unique value proposition',
      prompt: 'Single, clear, compelling message that says why you are different and worth buying.',
      area: 'uvp',
    },
    {
      key: 'highLevelConcept',
      label: 'High-level concept',
      prompt: 'Your X for Y analogy.',
      area: 'uvp',
    },
    { key: 'solution', label: 'Solution', prompt: 'Top 3 features.', area: 'solution' },
    { key: 'channels', label: 'Channels', prompt: 'Path to customers.', area: 'channels' },
    {
      key: 'revenueStreams',
      label: 'Revenue streams',
      prompt: 'Revenue model, lifetime value, revenue, gross margin.',
      area: 'revenue',
    },
    {
      key: 'costStructure',
      label: 'Cost structure',
      prompt: 'Customer acquisition costs, distribution costs, hosting, people.',
      area: 'cost',
    },
    {
      key: 'keyMetrics',
      label: 'Key metrics',
      prompt: 'Key activities you measure.',
      area: 'metrics',
      metricLinks: true,
    },
    {
      key: 'unfairAdvantage',
      label: 'Unfair advantage',
      prompt: 'Can’t be easily copied or bought.',
      area: 'advantage',
    },
  ],
  layout: {
    columns: 10,
    areas: [
      'problem problem solution solution uvp uvp advantage advantage segments segments',
      'problem problem metrics metrics uvp uvp channels channels segments segments',
      'cost cost cost cost cost revenue revenue revenue revenue revenue',
    ],
  },
  defaultSize: { w: 1500, h: 860 },
}
