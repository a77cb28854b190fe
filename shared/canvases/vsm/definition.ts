import type { CanvasDefinition } from '../canvasDefinition.js'

/** Value-stream map: steps of the current and the future state, with flow figures. */
export const vsmCanvas: CanvasDefinition<'vsm'> = {
  kind: 'vsm',
  label: 'Value-stream map',
  description:
    'Map every step of a stream with its times, find the waste, and design the future state.',
  attribution: 'Value-stream mapping, after the Lean value-stream method',
  fields: [
    { key: 'product', label: 'Product or service', prompt: 'What does this stream deliver?' },
  ],
  boxes: [],
  layout: { columns: 1, areas: ['current', 'future'] },
  defaultSize: { w: 1500, h: 900 },
}

/** The eight wastes. */
export const Wastes = [
  'overproduction',
  'waiting',
  'defects',
  'transport',
  'over-processing',
  'inventory',
  'motion',
  'under-utilised talent',
] as const
export type Waste = (typeof Wastes)[number]

export const StepClassifications = ['value-adding', 'necessary', 'waste'] as const
export type StepClassification = (typeof StepClassifications)[number]
