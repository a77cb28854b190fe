/** The numbers of one step that the figures need. */
export interface StepTimes {
  processMinutes: number
  leadMinutes: number
  /** Share of output the next step can use without rework, 0–100. */
  completeAccuratePct: number
  /** Runs beside the step before it; ignored on the first step. */
  parallel?: boolean
}

/**
 * Figures of one state of a value stream. Steps marked parallel form a group with the step
 * before them; the stream's totals follow the critical path, which takes the step with the
 * longest lead time of each group (the first of equals). Ratios are fractions (0.097 = 9.7 %).
 */
export interface StreamFigures {
  stepCount: number
  totalLeadMinutes: number
  totalProcessMinutes: number
  totalWaitMinutes: number
  /** Σ PT / Σ LT along the critical path; null when it has no lead time. */
  activityRatio: number | null
  /** Π %C&A along the critical path as a fraction; null when the stream has no steps. */
  rolledCompleteAccurate: number | null
  /** Wait (LT − PT) of each step, in order. */
  stepWaitMinutes: number[]
  /** Index of the step on the critical path with the longest wait, or null when none waits. */
  biggestWaitIndex: number | null
  /** The group of each step, in order: steps of one group run in parallel (0, 1, 1, 2 …). */
  stepGroup: number[]
  /** Whether each step is on the critical path. */
  onCriticalPath: boolean[]
}

export interface StreamComparison {
  current: StreamFigures
  future: StreamFigures
  /** Current minus future total lead time: positive when the future state is faster. */
  leadTimeSavedMinutes: number
  /** Future minus current activity ratio (fraction), null if either is undefined. */
  activityRatioGained: number | null
  /** Future minus current rolled %C&A (fraction), null if either is undefined. */
  rolledCompleteAccurateGained: number | null
}

/** Which steps run together: a step marked parallel joins the group of the step before it. */
export function stepGroups(steps: readonly StepTimes[]): number[] {
  let group = -1
  return steps.map((step, i) => (i > 0 && step.parallel ? group : ++group))
}

/** Computes the figures of one state of a stream, along its critical path. */
export function streamFigures(steps: readonly StepTimes[]): StreamFigures {
  const groups = stepGroups(steps)
  // The critical step of each group: the longest lead time, the first of equals.
  const critical = new Map<number, number>()
  steps.forEach((step, i) => {
    const best = critical.get(groups[i]!)
    if (best === undefined || step.leadMinutes > steps[best]!.leadMinutes)
      critical.set(groups[i]!, i)
  })
  const path = [...critical.values()].map((i) => steps[i]!)
  const onPath = steps.map((_, i) => critical.get(groups[i]!) === i)
  const waits = steps.map((step) => Math.max(0, step.leadMinutes - step.processMinutes))
  const totalLead = sum(path.map((s) => s.leadMinutes))
  const totalProcess = sum(path.map((s) => s.processMinutes))
  const rolled = path.reduce((product, s) => product * (s.completeAccuratePct / 100), 1)
  const longest = Math.max(0, ...waits.filter((_, i) => onPath[i]))
  return {
    stepCount: steps.length,
    totalLeadMinutes: totalLead,
    totalProcessMinutes: totalProcess,
    totalWaitMinutes: totalLead - totalProcess,
    activityRatio: totalLead > 0 ? totalProcess / totalLead : null,
    rolledCompleteAccurate: steps.length > 0 ? rolled : null,
    stepWaitMinutes: waits,
    biggestWaitIndex: longest > 0 ? waits.findIndex((w, i) => onPath[i] && w === longest) : null,
    stepGroup: groups,
    onCriticalPath: onPath,
  }
}

/** Figures of both states and what the future state gains over the current one. */
export function compareStreams(
  current: readonly StepTimes[],
  future: readonly StepTimes[],
): StreamComparison {
  const c = streamFigures(current)
  const f = streamFigures(future)
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a)
  return {
    current: c,
    future: f,
    leadTimeSavedMinutes: c.totalLeadMinutes - f.totalLeadMinutes,
    activityRatioGained: diff(c.activityRatio, f.activityRatio),
    rolledCompleteAccurateGained: diff(c.rolledCompleteAccurate, f.rolledCompleteAccurate),
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
