/** Fixed strings of a hypothesis's sections in the markdown format, shared by export and import. */

export const MetricColumns = [
  'Metric',
  'Key',
  'Kind',
  'Unit',
  'Direction',
  'Baseline',
  'Baseline at',
  'Baseline source',
  'Target',
  'Tolerance',
] as const

/** Row labels of a hypothesis's status table, in order. */
export const StatusLabels = {
  status: 'Status',
  days: 'Time box (days)',
  start: 'Started',
  end: 'Time box ends',
  verdict: 'Verdict',
  predecessor: 'Follows',
  successor: 'Followed by',
} as const

export const LessonColumns = ['At', 'By', 'Lesson'] as const
export const AmendmentColumns = ['At', 'By', 'Metric', 'Reason', 'Change'] as const
export const SummaryColumns = [
  'Metric',
  'Count',
  'First',
  'First at',
  'Latest',
  'Latest at',
  'Target',
] as const
export const MeasurementColumns = [
  'Metric',
  'Value',
  'At',
  'Baseline',
  'Source',
  'Recorded at',
  'By',
  'Id',
] as const
export const DecisionColumns = ['Decision', 'Rationale', 'By', 'At', 'Verdict'] as const
/** The decision table of exports written before the verdict was kept with the decision. */
export const DecisionColumnsBefore = ['Decision', 'Rationale', 'By', 'At'] as const
export const AssumptionColumns = ['Rank', 'Assumption', 'State'] as const
export const HistoryColumns = ['At', 'By', 'Note'] as const

/** The full measurement list is folded away: readers want the summary, import wants it all. */
export const measurementsDetailsOpen = (count: number) =>
  `<details><summary>Every measurement (${count})</summary>`
export const measurementsDetailsClose = '</details>'
export const DetailsLine = /^(<details><summary>Every measurement \(\d+\)<\/summary>|<\/details>)$/
