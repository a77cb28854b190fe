import type { CanvasDefinition } from '../canvasDefinition.js'

/** Hypothesis canvas (hypothesis-driven development): seven fields in a 3-row grid. */
export const hypothesisCanvas: CanvasDefinition<'hypothesis'> = {
  kind: 'hypothesis',
  label: 'Hypothesis canvas',
  description: 'A testable assumption with metrics agreed before the experiment starts.',
  attribution: 'Hypothesis canvas, after hypothesis-driven development',
  fields: [
    { key: 'belief', label: 'We believe that', prompt: 'what we will do or build' },
    { key: 'expectedResult', label: 'will result in', prompt: 'the outcome we expect' },
    {
      key: 'successSignal',
      label: "We will know we've succeeded when",
      prompt: 'the signal that tells us',
    },
  ],
  boxes: [
    {
      key: 'businessValue',
      label: 'Business value',
      prompt: 'What is the business value associated with this hypothesis?',
      area: 'value',
    },
    {
      key: 'problem',
      label: 'Problem',
      prompt: 'What is the problem we are trying to solve?',
      area: 'problem',
    },
    {
      key: 'customers',
      label: 'Customers',
      prompt: 'Who is impacted by this problem?',
      area: 'customers',
    },
    {
      key: 'solutions',
      label: 'Solutions / ideas',
      prompt: 'How might we solve this problem?',
      area: 'solutions',
    },
    {
      key: 'lessons',
      label: 'Lessons learned',
      prompt: 'Record our lessons learned.',
      area: 'lessons',
    },
  ],
  layout: {
    columns: 3,
    areas: ['value problem customers', 'sentence sentence metrics', 'solutions lessons metrics'],
  },
  defaultSize: { w: 1200, h: 820 },
}
