import type { HypothesisStatus } from '../../../../shared/canvases/hypothesis/tracking'

/** A button that moves a hypothesis on; `decide` opens the decision form instead. */
export type StatusAction =
  | { kind: 'move'; to: HypothesisStatus; label: string; primary: boolean }
  | { kind: 'decide'; label: string; primary: boolean }

/** What a person can do next from each status, the main step first. */
export function statusActions(status: HypothesisStatus): StatusAction[] {
  const start: StatusAction = { kind: 'move', to: 'running', label: 'Start', primary: true }
  const decide: StatusAction = { kind: 'decide', label: 'Decide…', primary: true }
  switch (status) {
    case 'draft':
      return [start, { kind: 'move', to: 'ready', label: 'Mark ready', primary: false }]
    case 'ready':
      return [start, { kind: 'move', to: 'draft', label: 'Back to draft', primary: false }]
    case 'running':
      return [decide, { kind: 'move', to: 'evaluated', label: 'Mark evaluated', primary: false }]
    case 'evaluated':
      return [decide]
    case 'decided':
      return []
  }
}
