/** The numbers of one step that the figures need. */
export interface StepTimes {
  processMinutes: number
  leadMinutes: number
  /** Share of output the next step can use without rework, 0–100. */
  completeAccuratePct: number
}

/** Figures of one state of a value stream. Ratios are fractions (0.097 = 9.7 %). */
export interface StreamFigures {
  stepCount: number
  totalLeadMinutes: number
  totalProcessMinutes: number
  totalWaitMinutes: number
  /** Σ PT / Σ LT; null when the stream has no lead time (nothing to divide by). */
  activityRatio: number | null
  /** Π %C&A as a fraction; null when the stream has no steps. */
  rolledCompleteAccurate: number | null
  /** Wait (LT − PT) of each step, in order. */
  stepWaitMinutes: number[]
  /** Index of the step with the longest wait, or null when no step waits. */
  biggestWaitIndex: number | null
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

/** Computes the figures of one state of a stream (steps in sequence along the critical path). */
export function streamFigures(steps: readonly StepTimes[]): StreamFigures {
  const waits = steps.map((step) => Math.max(0, step.leadMinutes - step.processMinutes))
  const totalLead = sum(steps.map((s) => s.leadMinutes))
  const totalProcess = sum(steps.map((s) => s.processMinutes))
  const rolled = steps.reduce((product, s) => product * (s.completeAccuratePct / 100), 1)
  const longest = Math.max(0, ...waits)
  return {
    stepCount: steps.length,
    totalLeadMinutes: totalLead,
    totalProcessMinutes: totalProcess,
    totalWaitMinutes: totalLead - totalProcess,
    activityRatio: totalLead > 0 ? totalProcess / totalLead : null,
    rolledCompleteAccurate: steps.length > 0 ? rolled : null,
    stepWaitMinutes: waits,
    biggestWaitIndex: longest > 0 ? waits.indexOf(longest) : null,
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
