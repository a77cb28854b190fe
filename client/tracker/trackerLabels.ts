import type { Decision, HypothesisStatus } from '../../shared/canvases/hypothesis/tracking'
import type { Verdict } from '../../shared/canvases/hypothesis/verdict'
import type { TrackerSort } from './trackerFilters'

export const statusLabels: Record<HypothesisStatus, string> = {
  draft: 'Draft',
  ready: 'Ready',
  running: 'Running',
  evaluated: 'Evaluated',
  decided: 'Decided',
}

export const verdictLabels: Record<Verdict, string> = {
  pending: 'Pending',
  supported: 'Supported',
  refuted: 'Refuted',
  inconclusive: 'Inconclusive',
}

export const decisionLabels: Record<Decision, string> = {
  persevere: 'Persevere',
  pivot: 'Pivot',
  stop: 'Stop',
}

export const sortLabels: Record<TrackerSort, string> = {
  updated: 'Last change',
  due: 'Due date',
}
