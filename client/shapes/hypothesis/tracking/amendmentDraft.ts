import { newId } from '../../../../shared/canvases/schema'
import {
  MetricKinds,
  MetricSchema,
  RelativeUnits,
  type Metric,
} from '../../../../shared/canvases/hypothesis/metric'
import { amendedMetric } from './amendmentWords'

/** The amendment form's fields, as typed. */
export interface AmendmentFields {
  key: string
  kind: string
  name: string
  unit: string
  direction: string
  baseline: string
  target: string
  /** `value`, or relative to the baseline: `%` or `abs`. */
  targetKind: string
  tolerance: string
}

/** A new metric's key in the form: the metric being added rather than changed. */
export const NewMetric = ''

/** The form's fields for a metric as it is now, or empty ones for a new metric. */
export function fieldsOf(metric: Metric | undefined): AmendmentFields {
  const text = (n: number | null) => (n === null ? '' : String(n))
  return {
    key: metric?.key ?? '',
    kind: metric?.kind ?? 'success',
    name: metric?.name ?? '',
    unit: metric?.unit ?? '',
    direction: metric?.direction ?? 'increase',
    baseline: text(metric?.baseline.value ?? null),
    target: text(metric?.target.relative?.by ?? metric?.target.value ?? null),
    targetKind: metric?.target.relative?.unit ?? 'value',
    tolerance: text(metric?.tolerance ?? null),
  }
}

/** Empty means "none"; undefined means it is not a number. */
const toNumber = (text: string) => {
  const t = text.trim().replace(',', '.')
  return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : undefined
}

/**
 * The metrics after an amendment: `changing` is the key of the metric changed or removed, or
 * `NewMetric` to add one. Refuses, in words for the form, what the schema would refuse.
 */
export function amendedCriteria(
  metrics: readonly Metric[],
  changing: string,
  fields: AmendmentFields,
  remove: boolean,
): { ok: true; metrics: Metric[] } | { ok: false; message: string } {
  if (remove) return { ok: true, metrics: metrics.filter((m) => m.key !== changing) }
  const numbers = {
    baseline: toNumber(fields.baseline),
    target: toNumber(fields.target),
    tolerance: toNumber(fields.tolerance),
  }
  for (const [field, value] of Object.entries(numbers)) {
    if (value === undefined) {
      return { ok: false, message: `The ${field} must be a number, or empty for none` }
    }
  }
  const unit = RelativeUnits.find((u) => u === fields.targetKind)
  if (unit && numbers.target === null) {
    return { ok: false, message: 'A relative target needs the change over the baseline' }
  }
  const terms = {
    name: fields.name.trim(),
    unit: fields.unit.trim(),
    direction: fields.direction === 'decrease' ? ('decrease' as const) : ('increase' as const),
    baseline: numbers.baseline ?? null,
    target: unit
      ? { value: null, relative: { by: numbers.target!, unit } }
      : { value: numbers.target ?? null },
    tolerance: numbers.tolerance ?? null,
  }
  let next: Metric[]
  if (changing === NewMetric) {
    const key = fields.key.trim()
    if (metrics.some((m) => m.key === key)) {
      return { ok: false, message: `There is a metric ${key} already` }
    }
    const kind: (typeof MetricKinds)[number] =
      MetricKinds.find((k) => k === fields.kind) ?? 'success'
    const added: Metric = amendedMetric(
      {
        id: newId(),
        key,
        name: '',
        kind,
        unit: '',
        direction: 'increase',
        baseline: { value: null, at: null, source: null },
        target: { value: null },
        tolerance: null,
      },
      terms,
    )
    next = [...metrics, added]
  } else {
    next = metrics.map((m) => (m.key === changing ? amendedMetric(m, terms) : m))
  }
  for (const metric of next) {
    const checked = MetricSchema.safeParse(metric)
    if (!checked.success) {
      const issue = checked.error.issues[0]!
      return { ok: false, message: `${String(issue.path[0] ?? 'metric')}: ${issue.message}` }
    }
  }
  return { ok: true, metrics: next }
}
